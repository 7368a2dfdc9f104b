using System.Numerics;
using SmartCity.Domain.Scoring;

namespace SmartCity.Domain.Benchmarks;

/// <summary>
/// The machine's own reference: one vectorised pass (a <see cref="Vector{T}"/> sum) over every value of a dataset, the
/// 514 × 60 doubles of <see cref="CaseCShape"/>. Each benchmark class that reports ratios runs it in the same process.
/// </summary>
public sealed class OnePassBaseline
{
    private readonly double[] _values;

    public OnePassBaseline(Dataset data)
    {
        _values = new double[data.UnitCount * data.Columns.Length];
        for (var c = 0; c < data.Columns.Length; c++)
        {
            data.Column(c).CopyTo(_values.AsSpan(c * data.UnitCount, data.UnitCount));
        }
    }

    /// <summary>Sums every value (NaN included: the pass reads each double once; the result is not the point).</summary>
    public double Sum()
    {
        var acc = Vector<double>.Zero;
        var span = _values.AsSpan();
        var i = 0;
        for (; i <= span.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            acc += new Vector<double>(span.Slice(i));
        }

        var total = Vector.Sum(acc);
        for (; i < span.Length; i++)
        {
            total += span[i];
        }

        return total;
    }
}
