#!/usr/bin/env dotnet
// What if governance counted double? A .NET 10 file-based app: `dotnet run examples/whatif.cs [DATA.csv] [NODE=WEIGHT]`
// (from the repository root; without arguments it reads examples/rkci-cities.csv and sets GOV=2).
// It loads the built-in RKCI 2019 framework, scores the cities, changes one weight and prints the biggest rank movers.
#:package SmartCity.Domain@0.1.0-alpha.1
#:package SmartCity.Domain.Coinr@0.1.0-alpha.1
// Inside this repository Directory.Packages.props would manage the versions centrally; this script names its own.
#:property ManagePackageVersionsCentrally=false

using System.Globalization;
using SmartCity.Domain.Analysis;
using SmartCity.Domain.Catalogue;
using SmartCity.Domain.Coinr;
using SmartCity.Domain.Frameworks;

var dataFile = args.Length > 0 ? args[0] : "examples/rkci-cities.csv";
var edit = (args.Length > 1 ? args[1] : "GOV=2").Split('=', 2);
var (node, weight) = (edit[0], double.Parse(edit[1], CultureInfo.InvariantCulture));

var framework = BuiltInFrameworks.Rkci2019;
var read = DatasetCsv.ReadFile(framework, dataFile);
if (read.TryPickT1(out var readErrors, out var data))
{
    foreach (var error in readErrors)
    {
        Console.Error.WriteLine($"{dataFile}: {error.Message} [{error.Code}]");
    }

    return 2;
}

var run = WhatIf.Run(framework, data, new Scenario([FrameworkEdit.SetWeight(node, weight)]));
if (run.TryPickT1(out var errors, out var diff))
{
    foreach (var error in errors)
    {
        Console.Error.WriteLine($"{error.Path}: {error.Message} [{error.Code}]");
    }

    return 2;
}

Console.WriteLine($"{framework.Name.Text}, {data.UnitCount} units: weight of {node} set to {weight.ToString(CultureInfo.InvariantCulture)}");
Console.WriteLine($"{"unit",-8} {"rank before",11} {"rank after",10} {"move",5} {"score before",12} {"score after",11}");
foreach (var c in diff.BiggestMovers(count: 10))
{
    Console.WriteLine(FormattableString.Invariant($"{c.Unit,-8} {c.RankBefore,11} {c.RankAfter,10} {c.RankMove,5:+0;-0;0} {c.ScoreBefore,12:F3} {c.ScoreAfter,11:F3}"));
}

return 0;
