// Checks every package that `dotnet pack SmartCity.Domain.sln` produced, the way nuget.org would show and use it.
// A .NET 10 file-based app with no package references (it runs offline): `dotnet run eng/check-packages.cs -- DIR COMMIT`
// (.ci/run calls it). It knows no package by name except the expected dependencies of the two libraries, so a new
// package in DIR is checked without editing anything here.
//
// Every package: id, version, authors, description, MIT licence, icon.png inside, a readme inside whose links are all
// absolute, release notes, project URL = repository URL (https://github.com/OWNER/NAME) with the commit built.
// A library package (lib/net10.0/ID.dll): the xml docs beside the dll; AssemblyVersion and FileVersion =
// VERSIONPREFIX.0 and the informational version = the package version + "+COMMIT"; a symbol package (.snupkg) with the
// portable pdb, whose source paths are deterministic (/_/...) and whose Source Link maps them to
// https://raw.githubusercontent.com/OWNER/NAME/COMMIT/*; dependencies on SmartCity.* packages pinned to exactly this
// version. A tool package (packageType DotnetTool): either the pointer package, whose every RID package is in DIR, or a
// RID package, which holds the tool for that RID only (no native .pdb files, no other platform's native libraries),
// with the versions above and a symbol package whose pdb has Source Link; or, for a Native AOT RID package, the native
// executable (of that platform's format, holding the informational version) and native libraries only, without a
// symbol package.
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: dotnet run eng/check-packages.cs -- PACKAGE_DIR COMMIT");
    return 2;
}

var dir = args[0];
var commit = args[1];
var problems = new List<string>();
var known = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
{
    ["SmartCity.Domain"] = ["Ardalis.GuardClauses", "OneOf"],
    ["SmartCity.Domain.Coinr"] = ["csFastFloat", "SmartCity.Domain"],
    ["SmartCity.Domain.Excel"] = ["CsvHelper", "MiniExcel", "SmartCity.Domain", "SmartCity.Domain.Coinr"],
};
var packages = Directory.GetFiles(dir, "*.nupkg").Order(StringComparer.Ordinal).ToList();
if (packages.Count == 0)
{
    Console.Error.WriteLine($"package check: no package in {dir}");
    return 1;
}

var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
var checkedCount = 0;
foreach (var path in packages)
{
    using var zip = ZipFile.OpenRead(path);
    var nuspecEntry = zip.Entries.Single(e => !e.FullName.Contains('/') && e.FullName.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase));
    var nuspec = XDocument.Load(nuspecEntry.Open());
    var ns = nuspec.Root!.Name.Namespace;
    var meta = nuspec.Root.Element(ns + "metadata")!;
    string Meta(string name) => meta.Element(ns + name)?.Value ?? "";
    var id = Meta("id");
    var version = Meta("version");
    ids.Add(id);
    var name = $"{id} {version}";
    void Problem(string what) => problems.Add($"{Path.GetFileName(path)}: {what}");
    var files = zip.Entries.Select(e => e.FullName).ToList();

    foreach (var required in new[] { "authors", "description", "releaseNotes", "projectUrl", "readme", "icon" })
    {
        if (Meta(required).Trim().Length == 0)
        {
            Problem($"no <{required}>");
        }
    }

    if (meta.Element(ns + "license")?.Value != "MIT")
    {
        Problem("licence is not the MIT expression");
    }

    var repository = meta.Element(ns + "repository");
    var repositoryUrl = repository?.Attribute("url")?.Value ?? "";
    var github = Regex.Match(repositoryUrl, "^https://github.com/(?<owner>[^/]+)/(?<repo>[^/]+)$");
    if (repository?.Attribute("type")?.Value != "git" || !github.Success)
    {
        Problem($"repository metadata missing or not a GitHub URL: '{repositoryUrl}'");
    }

    if (repository?.Attribute("commit")?.Value != commit)
    {
        Problem($"repository commit is '{repository?.Attribute("commit")?.Value}', not the commit built ({commit})");
    }

    if (Meta("projectUrl") != repositoryUrl)
    {
        Problem($"projectUrl '{Meta("projectUrl")}' differs from the repository URL '{repositoryUrl}'");
    }

    foreach (var inside in new[] { Meta("readme"), Meta("icon") })
    {
        if (inside.Length > 0 && !files.Contains(inside))
        {
            Problem($"{inside} is named in the nuspec but not in the package");
        }
    }

    if (Meta("readme") is { Length: > 0 } readme && zip.GetEntry(readme) is { } readmeEntry)
    {
        using var reader = new StreamReader(readmeEntry.Open(), Encoding.UTF8);
        var text = Regex.Replace(reader.ReadToEnd(), "(?ms)^```.*?^```", ""); // links, not code
        foreach (Match link in Regex.Matches(text, @"\]\((?<target>[^)\s]+)"))
        {
            var target = link.Groups["target"].Value;
            if (!target.StartsWith("https://", StringComparison.Ordinal))
            {
                Problem($"{readme}: the link '{target}' is not absolute (it would be broken on nuget.org)");
            }
        }
    }

    var dependencies = meta.Descendants(ns + "dependency").Select(d => (Id: d.Attribute("id")!.Value, Version: d.Attribute("version")?.Value ?? "")).ToList();
    foreach (var d in dependencies.Where(d => d.Id.StartsWith("SmartCity.", StringComparison.OrdinalIgnoreCase) && d.Version != $"[{version}]"))
    {
        Problem($"depends on {d.Id} {d.Version}, not on exactly [{version}]");
    }

    // DotnetTool (the pointer package, or a RID-agnostic tool) or DotnetToolRidPackage (one RID's tool).
    var isTool = meta.Element(ns + "packageTypes")?.Elements(ns + "packageType").Any(t => t.Attribute("name")?.Value.StartsWith("DotnetTool", StringComparison.Ordinal) == true) == true;
    if (isTool)
    {
        CheckTool();
    }
    else
    {
        CheckLibrary();
    }

    checkedCount++;
    Console.WriteLine($"checked: {Path.GetFileName(path)} ({new FileInfo(path).Length / 1024.0 / 1024.0:F1} MB, {(isTool ? "tool" : "library")})");

    void CheckLibrary()
    {
        var dll = $"lib/net10.0/{id}.dll";
        foreach (var required in new[] { dll, $"lib/net10.0/{id}.xml" })
        {
            if (!files.Contains(required))
            {
                Problem($"{required} missing");
            }
        }

        if (known.TryGetValue(id, out var expected))
        {
            var actual = dependencies.Select(d => d.Id).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToArray();
            if (!actual.SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
            {
                Problem($"dependencies are [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]");
            }
        }

        if (zip.GetEntry(dll) is { } dllEntry)
        {
            CheckVersions(Read(dllEntry), dll);
        }

        var snupkg = Path.ChangeExtension(path, ".snupkg");
        if (!File.Exists(snupkg))
        {
            Problem($"no symbol package {Path.GetFileName(snupkg)}");
            return;
        }

        using var symbols = ZipFile.OpenRead(snupkg);
        var pdbEntry = symbols.GetEntry($"lib/net10.0/{id}.pdb");
        if (pdbEntry is null)
        {
            Problem($"{Path.GetFileName(snupkg)} has no lib/net10.0/{id}.pdb");
            return;
        }

        CheckSourceLink(Read(pdbEntry), $"{Path.GetFileName(snupkg)}:{pdbEntry.FullName}");
    }

    void CheckTool()
    {
        var settings = files.Where(f => f.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal)).ToList();
        if (settings.Count != 1)
        {
            Problem($"expected one DotnetToolSettings.xml, found {settings.Count}");
            return;
        }

        var toolSettings = XDocument.Load(zip.GetEntry(settings[0])!.Open());
        var ridPackages = toolSettings.Descendants("RuntimeIdentifierPackage").ToList();
        if (ridPackages.Count > 0)
        {
            // The pointer package: the tool itself is in one package per RID.
            foreach (var rid in ridPackages)
            {
                var ridId = rid.Attribute("Id")?.Value;
                if (ridId is null || !File.Exists(Path.Combine(dir, $"{ridId}.{version}.nupkg")))
                {
                    Problem($"RID package {ridId} ({rid.Attribute("RuntimeIdentifier")?.Value}) is not in {dir}");
                }
            }

            return;
        }

        var folder = settings[0][..settings[0].LastIndexOf('/')];
        var ridOfPackage = folder.Split('/')[^1];
        var entryPoint = toolSettings.Descendants("Command").Select(c => c.Attribute("EntryPoint")?.Value).FirstOrDefault();
        if (entryPoint is null || !files.Contains($"{folder}/{entryPoint}"))
        {
            Problem($"the tool's entry point '{entryPoint}' is not in {folder}");
        }

        foreach (var f in files.Where(f => f.StartsWith("tools/", StringComparison.Ordinal)))
        {
            var fileName = f[(f.LastIndexOf('/') + 1)..];
            if (fileName.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) && !files.Contains(f[..^4] + ".dll"))
            {
                Problem($"{f}: a native library's .pdb (debug symbols of native code do not belong in a tool package)");
            }

            if (f.Contains("/runtimes/", StringComparison.Ordinal))
            {
                Problem($"{f}: a runtimes/ folder (native assets of other platforms) in the {ridOfPackage} package");
            }

            var native = Path.GetExtension(fileName).ToLowerInvariant() is ".so" or ".dylib" || (fileName.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && fileName.StartsWith("lib", StringComparison.Ordinal));
            var expected = ridOfPackage.StartsWith("win", StringComparison.Ordinal) ? ".dll" : ridOfPackage.StartsWith("osx", StringComparison.Ordinal) ? ".dylib" : ".so";
            if (native && !fileName.EndsWith(expected, StringComparison.OrdinalIgnoreCase))
            {
                Problem($"{f}: a native library of another platform in the {ridOfPackage} package");
            }
        }

        // The entry point is the apphost (smartcity, smartcity.exe) or the dll; the tool's assembly is the dll beside it.
        // A Native AOT tool runs its entry point as an executable with no dll beside it: the assemblies are compiled into
        // the executable.
        var assemblyName = entryPoint is null ? "" : Path.GetFileNameWithoutExtension(entryPoint);
        var runner = toolSettings.Descendants("Command").Select(c => c.Attribute("Runner")?.Value).FirstOrDefault();
        if (runner == "executable" && zip.GetEntry($"{folder}/{assemblyName}.dll") is null && zip.GetEntry($"{folder}/{entryPoint}") is { } executable)
        {
            CheckNativeTool(executable, folder, ridOfPackage);
            return;
        }

        if (zip.GetEntry($"{folder}/{assemblyName}.dll") is not { } main)
        {
            Problem($"{folder}/{assemblyName}.dll (the tool's assembly) missing");
        }
        else
        {
            CheckVersions(Read(main), main.FullName);
            var snupkg = Path.ChangeExtension(path, ".snupkg");
            var pdbName = $"{folder}/{assemblyName}.pdb";
            if (!File.Exists(snupkg))
            {
                Problem($"no symbol package {Path.GetFileName(snupkg)}");
                return;
            }

            using var symbols = ZipFile.OpenRead(snupkg);
            if (symbols.GetEntry(pdbName) is { } pdbEntry)
            {
                CheckSourceLink(Read(pdbEntry), $"{Path.GetFileName(snupkg)}:{pdbName}");
            }
            else
            {
                Problem($"{Path.GetFileName(snupkg)} has no {pdbName}");
            }
        }
    }

    void CheckNativeTool(ZipArchiveEntry executable, string folder, string rid)
    {
        var image = Read(executable);
        byte[] magic = rid.StartsWith("win", StringComparison.Ordinal) ? "MZ"u8.ToArray()
            : rid.StartsWith("osx", StringComparison.Ordinal) ? [0xCF, 0xFA, 0xED, 0xFE]
            : [0x7F, (byte)'E', (byte)'L', (byte)'F'];
        if (!image.AsSpan().StartsWith(magic))
        {
            Problem($"{executable.FullName}: not a native executable for {rid}");
        }

        // The informational version (what --version prints) is compiled in as UTF-8.
        if (image.AsSpan().IndexOf(Encoding.UTF8.GetBytes($"{version}+{commit}")) < 0)
        {
            Problem($"{executable.FullName}: the informational version {version}+{commit} is not in the executable");
        }

        // Everything else is the settings file and native libraries: no assemblies, pdbs, XML docs or .json files,
        // whose contents are compiled into the executable.
        foreach (var f in files.Where(f => f.StartsWith(folder + "/", StringComparison.Ordinal) && f != executable.FullName))
        {
            var extension = Path.GetExtension(f).ToLowerInvariant();
            var leftover = extension is ".pdb" or ".json" || (extension == ".xml" && !f.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal))
                || (extension == ".dll" && IsManaged(zip.GetEntry(f)!)); // a native library of Windows is a .dll too
            if (leftover)
            {
                Problem($"{f}: not needed beside a Native AOT executable");
            }
        }

        if (File.Exists(Path.ChangeExtension(path, ".snupkg")))
        {
            Problem($"{Path.GetFileName(Path.ChangeExtension(path, ".snupkg"))}: a symbol package for a Native AOT tool (it has no portable pdb to carry)");
        }
    }

    static bool IsManaged(ZipArchiveEntry entry)
    {
        using var pe = new PEReader(new MemoryStream(Read(entry)));
        return pe.HasMetadata;
    }

    void CheckVersions(byte[] image, string what)
    {
        using var pe = new PEReader(new MemoryStream(image));
        var md = pe.GetMetadataReader();
        var prefix = version.Split('-', '+')[0];
        var assemblyVersion = md.GetAssemblyDefinition().Version.ToString();
        if (assemblyVersion != prefix + ".0")
        {
            Problem($"{what}: AssemblyVersion {assemblyVersion}, expected {prefix}.0");
        }

        string? Attribute(string attributeName)
        {
            foreach (var handle in md.GetAssemblyDefinition().GetCustomAttributes())
            {
                var attribute = md.GetCustomAttribute(handle);
                if (attribute.Constructor.Kind != HandleKind.MemberReference)
                {
                    continue;
                }

                var parent = md.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
                if (parent.Kind == HandleKind.TypeReference && md.GetString(md.GetTypeReference((TypeReferenceHandle)parent).Name) == attributeName)
                {
                    var blob = md.GetBlobReader(attribute.Value);
                    blob.ReadUInt16(); // prolog
                    return blob.ReadSerializedString();
                }
            }

            return null;
        }

        if (Attribute("AssemblyFileVersionAttribute") is var fileVersion && fileVersion != prefix + ".0")
        {
            Problem($"{what}: FileVersion {fileVersion}, expected {prefix}.0");
        }

        if (Attribute("AssemblyInformationalVersionAttribute") is var informational && informational != $"{version}+{commit}")
        {
            Problem($"{what}: informational version {informational}, expected {version}+{commit}");
        }

        if (pe.ReadDebugDirectory().All(d => d.Type != DebugDirectoryEntryType.Reproducible))
        {
            Problem($"{what}: not built deterministically (no Reproducible debug directory entry)");
        }
    }

    void CheckSourceLink(byte[] pdbBytes, string what)
    {
        using var provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdbBytes));
        var pdb = provider.GetMetadataReader();
        var sourceLinkKind = new Guid("CC110556-A091-4D38-9FEC-25AB9A351A6A");
        string? json = null;
        foreach (var handle in pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var cdi = pdb.GetCustomDebugInformation(handle);
            if (pdb.GetGuid(cdi.Kind) == sourceLinkKind)
            {
                json = Encoding.UTF8.GetString(pdb.GetBlobBytes(cdi.Value));
            }
        }

        var raw = github.Success ? $"https://raw.githubusercontent.com/{github.Groups["owner"].Value}/{github.Groups["repo"].Value}/{commit}/*" : "(no repository)";
        var expectedMap = $"\"/_/*\":\"{raw}\"";
        if (json is null || !json.Replace(" ", "", StringComparison.Ordinal).Contains(expectedMap, StringComparison.Ordinal))
        {
            Problem($"{what}: Source Link {json ?? "missing"} does not map /_/* to {raw}");
        }

        var documents = pdb.Documents.Select(d => pdb.GetString(pdb.GetDocument(d).Name)).ToList();
        var local = documents.Where(d => !d.StartsWith("/_/", StringComparison.Ordinal)).ToList();
        if (documents.Count == 0 || local.Count > 0)
        {
            Problem($"{what}: {documents.Count} documents, {local.Count} not under the deterministic root /_/ (e.g. {local.FirstOrDefault()})");
        }
    }
}

static byte[] Read(ZipArchiveEntry entry)
{
    using var stream = entry.Open();
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    return buffer.ToArray();
}

foreach (var p in problems)
{
    Console.Error.WriteLine($"package check: {p}");
}

if (problems.Count > 0)
{
    return 1;
}

Console.WriteLine($"packages ok: {checkedCount} ({string.Join(", ", ids.Order(StringComparer.OrdinalIgnoreCase))})");
return 0;
