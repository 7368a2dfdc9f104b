using System.Globalization;
using CsvHelper;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SmartCity.Domain.Validation;
using SmartCity.TestSupport;

namespace SmartCity.Domain.Coinr.Tests;

/// <summary>A dataset table: unit values per numeric column (NaN = missing) and a text attribute per unit.</summary>
public sealed record CsvCase(double[][] Values, string?[] Notes)
{
    public override string ToString() => $"{Values.Length} columns x {Notes.Length} units; notes: {string.Join(" | ", Notes)}";
}

public static class CsvArbitraries
{
    private static readonly Gen<double> Value = Gen.OneOf(
        Gen.Constant(double.NaN),
        Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 64.0),
        ArbMap.Default.GeneratorFor<NormalFloat>().Select(f => f.Get));

    // Letters, digits, separators and quotes inside, never at the ends (the reader trims attributes), or no value at all.
    private static readonly Gen<string?> Note = Gen.OneOf(
        Gen.Constant<string?>(null),
        Gen.Elements('a', 'Z', '7', ',', '"', ' ', ';', 'é').ArrayOf().Select(cs => (string?)("x" + new string(cs) + "y")));

    public static Arbitrary<CsvCase> Cases() => Arb.From(
        from units in Gen.Choose(1, 12)
         from columns in Gen.Choose(1, 4)
         from values in Value.ArrayOf(units).ArrayOf(columns)
         from notes in Note.ArrayOf(units)
         select new CsvCase(values, notes),
        Shrink);

    private static IEnumerable<CsvCase> Shrink(CsvCase c)
    {
        if (c.Notes.Length > 1)
        {
            yield return new CsvCase([.. c.Values.Select(v => v[..^1])], c.Notes[..^1]);
        }

        if (c.Values.Length > 1)
        {
            yield return c with { Values = c.Values[..^1] };
        }
    }
}

[Properties(Arbitrary = [typeof(CsvArbitraries)])]
public class DatasetCsvProperties
{
    /// <summary>Written with CsvHelper and <see cref="DatasetCsv.Format(double)"/>, read back (synchronously, and asynchronously from a stream that forbids synchronous reads): every value (bit for bit) and every note survive.</summary>
    [Property(MaxTest = 200)]
    public void WrittenThenRead_GivesTheSameValuesAndText(CsvCase table)
    {
        var names = Enumerable.Range(0, table.Values.Length).Select(c => $"c{c}").ToArray();
        var text = new StringWriter();
        using (var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true))
        {
            csv.WriteField("uCode");
            foreach (var n in names)
            {
                csv.WriteField(n);
            }

            csv.WriteField("note");
            csv.NextRecord();
            for (var u = 0; u < table.Notes.Length; u++)
            {
                csv.WriteField($"U{u}");
                foreach (var column in table.Values)
                {
                    csv.WriteField(DatasetCsv.Format(column[u]));
                }

                csv.WriteField(table.Notes[u] ?? string.Empty);
                csv.NextRecord();
            }
        }

        var data = DatasetCsv.Read(DatasetColumns.Of(names), new StringReader(text.ToString())).GetValueOrThrow();
        using var body = new AsyncOnlyStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        TestFiles.AssertSameData(data, DatasetCsv.ReadAsync(DatasetColumns.Of(names), body).GetAwaiter().GetResult().GetValueOrThrow());
        for (var c = 0; c < names.Length; c++)
        {
            Assert.Equal(table.Values[c].Select(BitConverter.DoubleToInt64Bits), data.Column(c).ToArray().Select(BitConverter.DoubleToInt64Bits));
        }

        Assert.Equal(table.Notes, data.Attributes["note"]);
    }
}
