using System.Globalization;
using SmartCity.Domain.Methods;
using SmartCity.Domain.Validation;

namespace SmartCity.Domain.Frameworks;

/// <summary>The one place where framework rules are checked; factories and the JSON reader all come here.</summary>
internal static class FrameworkValidator
{
    public static void ValidateFramework(ErrorCollector errors, RatingFramework framework)
    {
        Codes.Check(errors, framework.Code, "code");
        CheckName(errors, framework.Name, "name");
        if (string.IsNullOrWhiteSpace(framework.Edition))
        {
            errors.Add(ErrorCodes.TextEmpty, "edition", "The edition must not be empty.");
        }

        if (framework.Root.Weight != 1)
        {
            errors.Warn(ErrorCodes.NodeWeightIgnored, "root.weight", "The root has no siblings, so its weight has no effect.", framework.Root.Weight);
        }

        ValidateSubtree(errors, framework.Root, "root", framework.Methods);

        var nodeCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in framework.Groups)
        {
            nodeCodes.Add(g.Code);
        }

        foreach (var i in framework.Indicators)
        {
            nodeCodes.Add(i.Code);
        }

        var denominatorCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var d = 0; d < framework.Denominators.Count; d++)
        {
            var den = framework.Denominators[d];
            var path = Index("denominators", d);
            Codes.Check(errors, den.Code, path + ".code");
            CheckName(errors, den.Name, path + ".name");
            if (den.Code is not null && (!denominatorCodes.Add(den.Code) || nodeCodes.Contains(den.Code)))
            {
                errors.Add(ErrorCodes.NodeDuplicateCode, path + ".code", "The code is already used by a node or another denominator.", den.Code);
            }
        }

        VisitIndicators(framework.Root, "root", (indicator, path) =>
        {
            if (indicator.Denominator is { } den && !denominatorCodes.Contains(den))
            {
                errors.Add(ErrorCodes.ReferenceMissing, path + ".denominator", $"The denominator '{den}' is not declared in the framework's denominators.", den);
            }
        });

        if (framework.SizeClasses is { } sizes)
        {
            ClassificationScheme.Validate(errors, sizes, "sizeClasses");
        }

        if (framework.MaturityLevels is { } levels)
        {
            ClassificationScheme.Validate(errors, levels, "maturityLevels");
        }
    }

    /// <summary>
    /// Checks a subtree: each node's own rules, unique codes, and, when <paramref name="defaults"/> is given, the rules that
    /// depend on the methods in effect.
    /// </summary>
    public static void ValidateSubtree(ErrorCollector errors, GroupNode root, string rootPath, ScoringMethods? defaults)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        Visit(root, rootPath);

        OutputBound Visit(FrameworkNode node, string path)
        {
            Codes.Check(errors, node.Code, Join(path, "code"));
            CheckName(errors, node.Name, Join(path, "name"));
            CheckWeight(errors, node.Weight, Join(path, "weight"));
            if (node.Code is not null && !seen.TryAdd(node.Code, path))
            {
                errors.Add(ErrorCodes.NodeDuplicateCode, Join(path, "code"), $"The code '{node.Code}' is already used at {seen[node.Code]}.", node.Code);
            }

            if (node is Indicator indicator)
            {
                var normalisation = indicator.Normalisation ?? defaults?.Normalisation;
                ValidateIndicatorOwn(errors, indicator, path, normalisation);
                if (defaults is not null && indicator.Normalisation is { } n && n.Equals(defaults.Normalisation))
                {
                    errors.Warn(ErrorCodes.MethodOverrideRedundant, Join(path, "normalisation"), "The override equals the framework default.", n.Spec);
                }

                return normalisation is null ? OutputBound.DependsOnData : BoundOf(indicator, normalisation);
            }

            var group = (GroupNode)node;
            if (group.Role is null)
            {
                errors.Add(ErrorCodes.CodeInvalid, Join(path, "role"), "A group needs a role.");
            }

            if (group.Children.Count == 0)
            {
                errors.Add(ErrorCodes.GroupEmpty, Join(path, "children"), "A group needs at least one child.");
                return OutputBound.DependsOnData;
            }

            var anyPositive = false;
            var allFinite = true;
            var childBounds = new OutputBound[group.Children.Count];
            for (var i = 0; i < group.Children.Count; i++)
            {
                var child = group.Children[i];
                childBounds[i] = Visit(child, Index(Join(path, "children"), i));
                anyPositive |= child.Weight > 0;
                allFinite &= double.IsFinite(child.Weight) && child.Weight >= 0;
            }

            if (!anyPositive && allFinite)
            {
                errors.Add(ErrorCodes.GroupWeightsAllZero, Join(path, "children"), "At least one child needs a positive weight.");
            }

            if (defaults is null)
            {
                return OutputBound.DependsOnData;
            }

            var aggregation = group.Aggregation ?? defaults.Aggregation;
            if (group.Aggregation is { } a && a.Equals(defaults.Aggregation))
            {
                errors.Warn(ErrorCodes.MethodOverrideRedundant, Join(path, "aggregation"), "The override equals the framework default.", a.Spec);
            }

            if (aggregation.RequiresPositiveInputs)
            {
                for (var i = 0; i < childBounds.Length; i++)
                {
                    var childPath = Index(Join(path, "children"), i);
                    if (childBounds[i] == OutputBound.MayBeNonPositive)
                    {
                        errors.Add(
                            ErrorCodes.AggregationRequiresPositive,
                            Join(path, "aggregation"),
                            $"'{aggregation.Spec}' needs positive values, but {childPath} ('{group.Children[i].Code}') can be 0 or below under its normalisation or aggregation; normalise to a positive range such as minmax:1,100.",
                            aggregation.Spec);
                        break;
                    }

                    if (childBounds[i] == OutputBound.DependsOnData)
                    {
                        errors.Warn(
                            ErrorCodes.AggregationPositivityDependsOnData,
                            Join(path, "aggregation"),
                            $"'{aggregation.Spec}' needs positive values; whether {childPath} ('{group.Children[i].Code}') stays positive depends on the data.",
                            aggregation.Spec);
                        break;
                    }
                }
            }

            if (aggregation is CopelandAggregation)
            {
                return OutputBound.MayBeNonPositive;
            }

            var bound = OutputBound.Positive;
            foreach (var b in childBounds)
            {
                bound = (OutputBound)Math.Max((int)bound, (int)b);
            }

            return bound;
        }
    }

    public static void ValidateIndicator(ErrorCollector errors, Indicator indicator, string path, NormalisationMethod? effective)
    {
        Codes.Check(errors, indicator.Code, Join(path, "code"));
        CheckName(errors, indicator.Name, Join(path, "name"));
        CheckWeight(errors, indicator.Weight, Join(path, "weight"));
        ValidateIndicatorOwn(errors, indicator, path, indicator.Normalisation ?? (effective is GoalpostsNormalisation or DistanceToTargetNormalisation ? null : effective));
    }

    private static void ValidateIndicatorOwn(ErrorCollector errors, Indicator indicator, string path, NormalisationMethod? normalisation)
    {
        var scale = indicator.Scale;
        if (indicator.Goalposts is { } gp)
        {
            Goalposts.Validate(errors, gp.Lower, gp.Upper, gp.Scale, Join(path, "goalposts"));
            CheckOnScale(errors, scale, gp.Lower, Join(path, "goalposts.lower"));
            CheckOnScale(errors, scale, gp.Upper, Join(path, "goalposts.upper"));
        }

        if (indicator.Target is { } target)
        {
            if (!double.IsFinite(target))
            {
                errors.Add(ErrorCodes.NumberNotFinite, Join(path, "target"), "The target must be finite.", target);
            }
            else
            {
                CheckOnScale(errors, scale, target, Join(path, "target"));
            }
        }

        if (indicator.Denominator is { } den)
        {
            Codes.Check(errors, den, Join(path, "denominator"));
        }

        switch (normalisation)
        {
            case GoalpostsNormalisation when indicator.Goalposts is null:
                errors.Add(ErrorCodes.NormalisationGoalpostsMissing, Join(path, "goalposts"), "The goalposts normalisation applies to this indicator, but it has no goalposts.");
                break;
            case DistanceToTargetNormalisation when indicator.Target is null:
                errors.Add(ErrorCodes.NormalisationTargetMissing, Join(path, "target"), "The distance-to-target normalisation applies to this indicator, but it has no target.");
                break;
            case ScaleMappingNormalisation when scale.Minimum is null || scale.Maximum is null:
                errors.Add(ErrorCodes.NormalisationScaleUnbounded, Join(path, "normalisation"), $"Scale mapping needs a bounded scale; the '{scale.Kind}' scale has no fixed bounds.", scale.Kind);
                break;
        }
    }

    private static void CheckOnScale(ErrorCollector errors, IndicatorScale scale, double value, string path)
    {
        if (double.IsFinite(value) && !scale.Contains(value))
        {
            errors.Add(ErrorCodes.ScaleValueOutOfRange, path, $"The value is outside the indicator's scale ({scale}).", value);
        }
    }

    private static OutputBound BoundOf(Indicator indicator, NormalisationMethod normalisation)
    {
        if (normalisation is NoNormalisation)
        {
            var min = indicator.Scale.Minimum;
            var max = indicator.Scale.Maximum;
            return indicator.Direction == Direction.HigherIsBetter
                ? (min > 0 ? OutputBound.Positive : min is null ? OutputBound.DependsOnData : OutputBound.MayBeNonPositive)
                : (max is not null || min >= 0 ? OutputBound.MayBeNonPositive : OutputBound.DependsOnData);
        }

        if (normalisation is GoalpostsNormalisation && indicator.Goalposts is { Truncate: false })
        {
            return OutputBound.MayBeNonPositive;
        }

        return normalisation.LowerBound;
    }

    private static void VisitIndicators(FrameworkNode node, string path, Action<Indicator, string> action)
    {
        if (node is Indicator indicator)
        {
            action(indicator, path);
        }
        else if (node is GroupNode group)
        {
            for (var i = 0; i < group.Children.Count; i++)
            {
                VisitIndicators(group.Children[i], Index(Join(path, "children"), i), action);
            }
        }
    }

    private static void CheckName(ErrorCollector errors, LocalizedText? name, string path)
    {
        if (name is null || (string.IsNullOrWhiteSpace(name.English) && string.IsNullOrWhiteSpace(name.Indonesian)))
        {
            errors.Add(ErrorCodes.NameEmpty, path, "A name needs an English or an Indonesian text.");
        }
    }

    private static void CheckWeight(ErrorCollector errors, double weight, string path)
    {
        if (!double.IsFinite(weight))
        {
            errors.Add(ErrorCodes.WeightNotFinite, path, "A weight must be a finite number.", weight);
        }
        else if (weight < 0)
        {
            errors.Add(ErrorCodes.WeightNegative, path, "A weight must not be negative.", weight);
        }
    }

    private static string Join(string path, string member) => ValidationError.JoinPath(path, member);

    private static string Index(string path, int i) => string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
}
