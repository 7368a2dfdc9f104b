using System.Collections.Immutable;
using OneOf;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Weights;

/// <summary>
/// Budget allocation (OECD/JRC participatory weighting): each expert distributes a budget of points over the criteria;
/// the weights are the mean of the experts' shares. Equal weights are the special case of one expert giving equal points.
/// </summary>
public static class BudgetAllocation
{
    /// <summary>Computes weights from the experts' allocations.</summary>
    /// <param name="criteria">The criteria.</param>
    /// <param name="allocations">One row of points per expert, in criteria order: finite, ≥ 0, with a positive total.</param>
    /// <returns>Weights summing to 1, in criteria order, or <c>budget.*</c> errors naming the expert and criterion.</returns>
    public static OneOf<ImmutableArray<double>, ValidationErrors> Compute(IReadOnlyList<string> criteria, IReadOnlyList<IReadOnlyList<double>> allocations)
    {
        Guard.Against.Null(criteria);
        Guard.Against.Null(allocations);
        var errors = new ErrorCollector();
        if (allocations.Count == 0)
        {
            errors.Add(ErrorCodes.BudgetShape, "allocations", "At least one expert's allocation is needed.");
        }

        var weights = new double[criteria.Count];
        for (var e = 0; e < allocations.Count; e++)
        {
            var row = allocations[e];
            if (row.Count != criteria.Count)
            {
                errors.Add(ErrorCodes.BudgetShape, $"allocations[{e}]", $"Expert {e + 1} gives {row.Count} allocations for {criteria.Count} criteria.");
                continue;
            }

            var total = 0.0;
            for (var c = 0; c < row.Count; c++)
            {
                if (!double.IsFinite(row[c]) || row[c] < 0)
                {
                    errors.Add(ErrorCodes.BudgetEntryInvalid, $"allocations[{e}].{criteria[c]}", $"Expert {e + 1}: points for '{criteria[c]}' must be finite and not negative.", row[c]);
                }
                else
                {
                    total += row[c];
                }
            }

            if (!(total > 0))
            {
                errors.Add(ErrorCodes.BudgetNoPoints, $"allocations[{e}]", $"Expert {e + 1} allocates no points.");
                continue;
            }

            for (var c = 0; c < row.Count; c++)
            {
                weights[c] += row[c] / total / allocations.Count;
            }
        }

        return errors.HasErrors ? errors.ToErrors() : ImmutableArray.Create(weights);
    }
}
