using System.Text;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Frameworks;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Validation;
using SmartCity.TestSupport;

namespace SmartCity.Domain.Tests.Serialization;

public sealed class FrameworkJsonStreamTests : IDisposable
{
    private static readonly RatingFramework Framework = BuiltInFrameworks.All[0];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "smartcity-json-tests-" + Guid.NewGuid().ToString("N"));

    public FrameworkJsonStreamTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task EveryReader_GivesTheSameFramework()
    {
        var json = FrameworkJson.Serialize(Framework, indented: true);
        var path = Path.Combine(_dir, "f.json");
        await File.WriteAllTextAsync(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(Framework, FrameworkJson.ReadFile(path).GetValueOrThrow());
        Assert.Equal(Framework, (await FrameworkJson.ReadFileAsync(path)).GetValueOrThrow());
        Assert.Equal(Framework, FrameworkJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))).GetValueOrThrow());
        Assert.Equal(Framework, FrameworkJson.Read(new StringReader(json)).GetValueOrThrow());
        Assert.Equal(Framework, (await FrameworkJson.ReadAsync(new StringReader(json))).GetValueOrThrow());
        var body = new AsyncOnlyStream(new MemoryStream(Encoding.UTF8.GetBytes(json)));
        Assert.Equal(Framework, (await FrameworkJson.ReadAsync(body)).GetValueOrThrow());
        Assert.True(body.AsyncCalls > 0);
    }

    [Fact]
    public async Task EveryWriter_WritesTheSerializedTextAndALineBreak()
    {
        var expected = FrameworkJson.Serialize(Framework, indented: true) + "\n";
        var path = Path.Combine(_dir, "sub", "f.json");
        FrameworkJson.WriteFile(Framework, path);
        Assert.Equal(expected, await File.ReadAllTextAsync(path));
        Assert.NotEqual(0xEF, (await File.ReadAllBytesAsync(path))[0]); // no byte-order mark
        await FrameworkJson.WriteFileAsync(Framework, path);
        Assert.Equal(expected, await File.ReadAllTextAsync(path));

        var text = new StringWriter();
        FrameworkJson.Write(Framework, text, indented: true);
        Assert.Equal(expected, text.ToString());
        var asyncText = new StringWriter();
        await FrameworkJson.WriteAsync(Framework, asyncText, indented: true);
        Assert.Equal(expected, asyncText.ToString());

        var stream = new MemoryStream();
        FrameworkJson.Write(Framework, stream);
        Assert.Equal(FrameworkJson.Serialize(Framework) + "\n", Encoding.UTF8.GetString(stream.ToArray()));
        var inner = new MemoryStream();
        var response = new AsyncOnlyStream(inner);
        await FrameworkJson.WriteAsync(Framework, response, indented: true);
        Assert.Equal(expected, Encoding.UTF8.GetString(inner.ToArray()));
        Assert.True(response.AsyncCalls > 0);
    }

    [Fact]
    public async Task BadContent_IsAnErrorResult_NotAnException()
    {
        var errors = FrameworkJson.Read(new MemoryStream("{\"schemaVersion\":1,"u8.ToArray())).AsT1;
        Assert.Equal(ErrorCodes.JsonMalformed, errors[0].Code);
        var future = FrameworkJson.Serialize(Framework).Replace("\"schemaVersion\":1", "\"schemaVersion\":2", StringComparison.Ordinal);
        errors = (await FrameworkJson.ReadAsync(new StringReader(future))).AsT1;
        Assert.Equal(ErrorCodes.JsonSchemaVersion, errors[0].Code);
        errors = (await FrameworkJson.ReadAsync(new AsyncOnlyStream(new MemoryStream()))).AsT1;
        Assert.Equal(ErrorCodes.JsonMalformed, errors[0].Code);
    }

    [Fact]
    public async Task ADocumentAboveTheCap_IsJsonTooLarge()
    {
        Assert.Equal(ErrorCodes.JsonTooLarge, Assert.Single(FrameworkJson.Read(new HugeStream()).AsT1).Code);
        Assert.Equal(ErrorCodes.JsonTooLarge, Assert.Single((await FrameworkJson.ReadAsync(new HugeStream())).AsT1).Code);
    }

    [Fact]
    public async Task MissingFileOrDirectory_IsFileNotFoundException_AndCancellationThrows()
    {
        Assert.Throws<FileNotFoundException>(() => FrameworkJson.ReadFile(Path.Combine(_dir, "none.json")));
        var ex = await Assert.ThrowsAsync<FileNotFoundException>(() => FrameworkJson.ReadFileAsync(_dir));
        Assert.Contains("is a directory", ex.Message, StringComparison.Ordinal);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => FrameworkJson.ReadAsync(new MemoryStream("{}"u8.ToArray()), cancelled.Token));
    }

    [Fact]
    public void StreamsAndReaders_AreLeftOpen()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(FrameworkJson.Serialize(Framework)));
        Assert.True(FrameworkJson.Read(stream).IsT0);
        Assert.True(stream.CanRead);
        var output = new MemoryStream();
        FrameworkJson.Write(Framework, output);
        Assert.True(output.CanWrite);
    }

    /// <summary>A seekable stream one byte longer than the reader accepts (never read: the length is checked first).</summary>
    private sealed class HugeStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => FrameworkJson.MaxDocumentBytes + 1L;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new InvalidOperationException("The length should have been checked first.");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
