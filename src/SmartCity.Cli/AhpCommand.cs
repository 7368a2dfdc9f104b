using System.CommandLine;
using System.Globalization;
using SmartCity.Domain.Serialization;
using SmartCity.Domain.Weights;

namespace SmartCity.Cli;

/// <summary><c>smartcity ahp --matrix FILE.csv [--out FILE.json]</c>: AHP weights from a pairwise-comparison matrix.</summary>
internal static class AhpCommand
{
    public static Command Create(CliContext context)
    {
        var matrix = CliOptions.File("--matrix", "Square CSV: header row and first column = criterion names; cells are numbers or fractions such as 1/3.", "FILE.csv");
        matrix.Required = true;
        var output = CliOptions.OutputFile("--out", "Write weights, lambdaMax, consistencyIndex and consistencyRatio as JSON (never onto the matrix).", "FILE.json");
        var method = CliOptions.Choice<AhpMethod?>(
            "--method",
            "How the weights are derived from the matrix: the principal eigenvector or the rows' geometric means (default eigenvector).",
            [new("eigenvector", AhpMethod.Eigenvector), new("geometric", AhpMethod.GeometricMean)]);
        var table = CliOptions.Choice<RandomIndexTable?>(
            "--ri",
            "Random-index table for the consistency ratio: Saaty's classic one or the alternative (default classic).",
            [new("classic", RandomIndexTable.SaatyClassic), new("alternative", RandomIndexTable.Alternative)]);
        var accept = new Option<bool>("--accept-inconsistent") { Description = "Report weights even when the consistency ratio is 0.10 or more." };
        var command = new Command("ahp", "Weights from a pairwise-comparison matrix (analytic hierarchy process), with consistency.") { matrix, output, method, table, accept };
        command.SetAction(result =>
        {
            using var outputs = OutputTransaction.Begin(result, context);
            var outFile = result.GetPath(output);
            var outTemp = outFile is null ? null : outputs.File(outFile);
            var file = result.GetPath(matrix)!;
            var (names, values) = ReadMatrix(file);
            var ahpMethod = result.GetValue(method) ?? AhpMethod.Eigenvector;
            var riTable = result.GetValue(table) ?? RandomIndexTable.SaatyClassic;
            var ahp = ScoringInput.Unwrap(Ahp.Compute(names, values, ahpMethod, riTable, result.GetValue(accept) ? double.PositiveInfinity : 0.10), file);
            var weights = ConsoleTables.Create("criterion", ">weight");
            for (var i = 0; i < names.Length; i++)
            {
                weights.Row(names[i], ahp.Weights[i].ToString("0.000000", CultureInfo.InvariantCulture));
            }

            ConsoleTables.Write(context.Out, weights);
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"lambdaMax {ahp.LambdaMax:0.000000}  CI {ahp.ConsistencyIndex:0.000000}  CR {ahp.ConsistencyRatio:0.000000} (RI {ahp.RandomIndex}){(ahp.ConsistencyRatio >= 0.10 ? "  INCONSISTENT (accepted)" : string.Empty)}"));
            if (outTemp is not null)
            {
                FileInput.WriteText(outTemp, ResultJson.Serialize(ahp, indented: true) + Environment.NewLine);
                foreach (var line in outputs.Commit())
                {
                    context.Out.WriteLine(line);
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static (string[] Names, double[,] Values) ReadMatrix(string file)
    {
        var lines = CsvInput.Read(file);
        if (lines.Count < 2)
        {
            throw new CliException($"{file}: expected a header row and one row per criterion");
        }

        var names = lines[0].Cells.Skip(1).ToArray();
        if (lines.Count - 1 != names.Length)
        {
            throw new CliException($"{file}: the header names {names.Length} criteria but there are {lines.Count - 1} rows; the matrix must be square");
        }

        var values = new double[names.Length, names.Length];
        for (var r = 0; r < names.Length; r++)
        {
            var (line, cells) = (lines[r + 1].Line, lines[r + 1].Cells);
            if (cells.Count != names.Length + 1)
            {
                throw new CliException($"{file}: line {line} has {cells.Count} cells; expected {names.Length + 1}");
            }

            if (cells[0] != names[r])
            {
                throw new CliException($"{file}: line {line}: the row is named '{cells[0]}' but column {r + 2} is '{names[r]}'; rows and columns must list the criteria in the same order");
            }

            for (var c = 0; c < names.Length; c++)
            {
                if (!Ahp.TryParseEntry(cells[c + 1], out values[r, c]))
                {
                    throw new CliException($"{file}: line {line}, column {names[c]}: '{cells[c + 1]}' is not a number or a fraction such as 1/3");
                }
            }
        }

        return (names, values);
    }
}
