using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmartCity.Domain.Scoring;

/// <summary>
/// <see cref="Math.Log(double)"/> and <see cref="Math.Exp(double)"/> four at a time, giving exactly their bits: on Linux
/// x64 .NET calls glibc's <c>log</c> and <c>exp</c>, which (glibc 2.28 and later, on a CPU with AVX2 and FMA) are the
/// <c>__log_fma</c> and <c>__exp_fma</c> variants of sysdeps/ieee754/dbl-64/e_log.c and e_exp.c compiled with FMA
/// contraction. This is the same algorithm, with the same tables (<see cref="LibmTables"/>) and the same sequence of
/// roundings — each FMA where the compiled glibc has one (read from its machine code), each other operation in the same
/// order — so every lane rounds exactly as the scalar call does. Lanes outside the main path (log: x ≤ 0, subnormal, ∞,
/// NaN; exp: |x| ≥ 512, NaN, ∞) are computed by the scalar call itself. docs/benchmarks.md, "Vector log and exp".
/// </summary>
/// <remarks>
/// Used only where it is provably the same computation: x64 with AVX2 and FMA, Linux with glibc ≥ 2.28, and a one-time
/// self-check over fixed probes (among them values on which the FMA and non-FMA builds of glibc differ) passed; otherwise,
/// or with the environment variable <c>SMARTCITY_VECTOR_LIBM=0</c>, every value goes through the scalar call.
/// </remarks>
internal static unsafe partial class LibmVector
{
    /// <summary>The lanes of a <see cref="Vector256{T}"/> of doubles.</summary>
    public const int Width = 4;

    /// <summary>The environment variable that turns the vector path off (value 0).</summary>
    public const string Switch = "SMARTCITY_VECTOR_LIBM";

    // log: x = 2^k·z with z in [Off, 2·Off); the close-to-1 interval [1 − 2^-4, 1 + 0x1.09p-4) has its own polynomial.
    private const long LogOff = 0x3FE6000000000000;
    private const long NearOneLow = 0x3FEE000000000000;
    private const long NearOneHigh = 0x3FF1090000000000;
    private const long SmallestNormal = 0x0010000000000000;
    private const long PositiveInfinityBits = 0x7FF0000000000000;

    // exp: the main path covers 2^-54 ≤ |x| < 512 (top12 of |x| in [0x3C9, 0x408)); below, exp(x) = 1 + x.
    private const long ExpTiny = 0x3C90000000000000;
    private const long ExpLarge = 0x4080000000000000;

    /// <summary>Whether the hardware, the OS and the C library are those the vector path replicates.</summary>
    public static bool IsSupported { get; } = Detect();

    /// <summary>Whether the self-check over <see cref="LogProbes"/> and <see cref="ExpProbes"/> found every lane equal (false when unsupported).</summary>
    public static bool SelfCheckPassed { get; } = IsSupported && SelfCheck();

    /// <summary>
    /// Whether <see cref="Log(ReadOnlySpan{double}, Span{double})"/>, <see cref="Exp"/> and their callers take the vector
    /// path: supported, self-checked and not switched off. Settable (tests compare both paths; both give the same bits).
    /// </summary>
    public static bool Enabled
    {
        get => s_enabled;
        set => s_enabled = value && SelfCheckPassed;
    }

    private static bool s_enabled = SelfCheckPassed && Environment.GetEnvironmentVariable(Switch) != "0";

    /// <summary>y[u] = Math.Log(x[u]) for every u (y may be x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Log(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(y));
        }

        var u = 0;
        if (s_enabled)
        {
            ref var xs = ref MemoryMarshal.GetReference(x);
            ref var ys = ref MemoryMarshal.GetReference(y);
            for (; u <= x.Length - Width; u += Width)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)u);
                var r = LogLanes(v, out var outside);
                if (outside != Vector256<long>.Zero)
                {
                    r = ScalarLog(r, v, outside);
                }

                r.StoreUnsafe(ref ys, (nuint)u);
            }
        }

        for (; u < x.Length; u++)
        {
            y[u] = Math.Log(x[u]);
        }
    }

    /// <summary>y[u] = Math.Exp(x[u]) for every u (y may be x).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Exp(ReadOnlySpan<double> x, Span<double> y)
    {
        if (y.Length < x.Length)
        {
            throw new ArgumentException("The destination is shorter than the source.", nameof(y));
        }

        var u = 0;
        if (s_enabled)
        {
            ref var xs = ref MemoryMarshal.GetReference(x);
            ref var ys = ref MemoryMarshal.GetReference(y);
            for (; u <= x.Length - Width; u += Width)
            {
                var v = Vector256.LoadUnsafe(ref xs, (nuint)u);
                var r = ExpLanes(v, out var outside);
                if (outside != Vector256<long>.Zero)
                {
                    r = ScalarExp(r, v, outside);
                }

                r.StoreUnsafe(ref ys, (nuint)u);
            }
        }

        for (; u < x.Length; u++)
        {
            y[u] = Math.Exp(x[u]);
        }
    }

    /// <summary>
    /// ln of the four lanes, exactly Math.Log's bits for each positive normal finite lane; <paramref name="outside"/> marks
    /// (all ones) the other lanes, whose results are meaningless. Needs AVX2 and FMA (the caller checks <see cref="Enabled"/>).
    /// </summary>
    /// <remarks>
    /// glibc's main path, with FMA as in __log_fma: tmp = ix − Off, i = (tmp ≫ 45) mod 128, k = tmp ≫ 52 (arithmetic),
    /// z = asdouble(ix − (tmp &amp; 0xfff·2^52)); r = fma(z, invc, −1); w = fma(k, Ln2hi, logc); hi = w + r;
    /// lo = fma(k, Ln2lo, (w − hi) + r); r2 = r·r; r3 = r·r2;
    /// y = fma(r3, fma(fma(r, A4, A3), r2, fma(r, A2, A1)), fma(r2, A0, lo)) + hi.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LogLanes(Vector256<double> x, out Vector256<long> outside)
    {
        var ix = x.AsInt64();
        var normal = Avx2.CompareGreaterThan(ix, Vector256.Create(SmallestNormal - 1)) & Avx2.CompareGreaterThan(Vector256.Create(PositiveInfinityBits), ix);
        outside = ~normal;
        var tmp = ix - Vector256.Create(LogOff);

        // k and i come from the high 32 bits of tmp: k = hi ≫ 20 (arithmetic), i = (hi ≫ 13) mod 128.
        var high = Avx2.PermuteVar8x32(tmp.AsInt32(), Vector256.Create(1, 3, 5, 7, 1, 3, 5, 7)).GetLower();
        var kd = Avx.ConvertToVector256Double(Sse2.ShiftRightArithmetic(high, 20));
        var index = Sse2.ShiftLeftLogical(Sse2.ShiftRightLogical(high, 13) & Vector128.Create(0x7F), 1);
        var z = (ix - (tmp & Vector256.Create(unchecked((long)0xFFF0000000000000)))).AsDouble();
        var table = Table(LibmTables.Log);
        var invc = Avx2.GatherVector256(table, index, 8);
        var logc = Avx2.GatherVector256(table + 1, index, 8);

        var r = Fma.MultiplyAdd(z, invc, Vector256.Create(-1.0));
        var w = Fma.MultiplyAdd(kd, C(0x3FE62E42FEFA3800), logc); // Ln2hi
        var hi = r + w;
        var r2 = r * r;
        var lo = Fma.MultiplyAdd(kd, C(0x3D2EF35793C76730), w - hi + r); // Ln2lo
        var r3 = r * r2;
        var p = Fma.MultiplyAdd(
            Fma.MultiplyAdd(r, C(0xBFC55575E506C89F), C(0x3FC999B324F10111)), // A4, A3
            r2,
            Fma.MultiplyAdd(r, C(0xBFCFFFFFFFEB4590), C(0x3FD555555551305B))); // A2, A1
        var y = Fma.MultiplyAdd(r3, p, Fma.MultiplyAdd(r2, C(0xBFE0000000000001), lo)) + hi; // A0

        var near = Avx2.CompareGreaterThan(ix, Vector256.Create(NearOneLow - 1)) & Avx2.CompareGreaterThan(Vector256.Create(NearOneHigh), ix);
        return near == Vector256<long>.Zero ? y : Vector256.ConditionalSelect(near.AsDouble(), NearOne(x), y);
    }

    /// <summary>
    /// glibc's path for x in [1 − 2^-4, 1 + 0x1.09p-4), with FMA as in __log_fma: r = x − 1; the degree-12 polynomial in
    /// Estrin-like form, and r split at 2^27 for the exact −r²/2 term. Returns +0 for x = 1, as glibc does.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> NearOne(Vector256<double> x)
    {
        var one = Vector256.Create(1.0);
        var r = x - one;
        var r2 = r * r;
        var t1 = Fma.MultiplyAdd(r2, C(0x3FC999999995DD0C), Fma.MultiplyAdd(r, C(0xBFCFFFFFFFFFFDCB), C(0x3FD5555555555577))); // B3; B2, B1
        var t2 = Fma.MultiplyAdd(r2, C(0xBFBFFFFFA4423D65), Fma.MultiplyAdd(r, C(0x3FC24924A344DE30), C(0xBFC55555556745A7))); // B6; B5, B4
        var r3 = r * r2;
        var t3 = Fma.MultiplyAdd(r2, C(0x3FB78182F7AFD085), Fma.MultiplyAdd(r, C(0xBFB999EB43B068FF), C(0x3FBC7184282AD6CA))); // B9; B8, B7
        t3 = Fma.MultiplyAdd(r3, C(0xBFB5521375D145CD), t3); // B10
        var q = Fma.MultiplyAdd(Fma.MultiplyAdd(t3, r3, t2), r3, t1);

        var split = Vector256.Create(134217728.0); // 2^27
        var rhi = Fma.MultiplyAddNegated(split, r, Fma.MultiplyAdd(r, split, r));
        var half = Vector256.Create(-0.5); // B0
        var rhi2 = rhi * rhi;
        var rlo = r - rhi;
        var hi = Fma.MultiplyAdd(rhi2, half, r);
        var lo = Fma.MultiplyAdd(rhi2, half, r - hi);
        lo = Fma.MultiplyAdd(half * rlo, r + rhi, lo);
        var y = hi + Fma.MultiplyAdd(q, r3, lo);
        return Vector256.ConditionalSelect(Vector256.Equals(x, one), Vector256<double>.Zero, y);
    }

    /// <summary>
    /// e^x of the four lanes, exactly Math.Exp's bits for each lane with |x| &lt; 512; <paramref name="outside"/> marks the
    /// other lanes (|x| ≥ 512, ∞, NaN), whose results are meaningless. Needs AVX2 and FMA.
    /// </summary>
    /// <remarks>
    /// glibc's main path, with FMA as in __exp_fma: kd = fma(x, N/ln2, Shift), ki = bits(kd), kd −= Shift;
    /// r = fma(kd, −ln2hi/N, x); r = fma(kd, −ln2lo/N, r); idx = 2(ki mod 128); sbits = T[idx+1] + (ki ≪ 45);
    /// r2 = r·r; tmp = fma(r2·r2, fma(r, C5, C4), fma(fma(r, C3, C2), r2, r + T[idx])); y = fma(scale, tmp, scale).
    /// Below 2^-54, 1 + x.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpLanes(Vector256<double> x, out Vector256<long> outside)
    {
        var ix = x.AsInt64();
        var abs = ix & Vector256.Create(long.MaxValue);
        var tiny = Avx2.CompareGreaterThan(Vector256.Create(ExpTiny), abs);
        outside = ~Avx2.CompareGreaterThan(Vector256.Create(ExpLarge), abs);

        var shift = C(0x4338000000000000);
        var kd = Fma.MultiplyAdd(x, C(0x40671547652B82FE), shift); // N/ln2
        var ki = kd.AsInt64();
        kd -= shift;
        var r = Fma.MultiplyAdd(kd, C(0xBF762E42FEFA0000), x); // −ln2hi/N
        r = Fma.MultiplyAdd(kd, C(0xBD0CF79ABC9E3B3A), r); // −ln2lo/N
        var p23 = Fma.MultiplyAdd(r, C(0x3FC555555555543C), C(0x3FDFFFFFFFFFFDBD)); // C3, C2
        var index = (ki & Vector256.Create(0x7FL)) << 1;
        var top = ki << 45;
        var table = Table(LibmTables.Exp);
        var tail = Avx2.GatherVector256(table, index, 8);
        var bits = Avx2.GatherVector256((long*)table + 1, index, 8);

        var sum = r + tail;
        var scale = (top + bits).AsDouble();
        var r2 = r * r;
        var p45 = Fma.MultiplyAdd(r, C(0x3F81111167A4D017), C(0x3FA55555CF172B91)); // C5, C4
        var tmp = Fma.MultiplyAdd(r2 * r2, p45, Fma.MultiplyAdd(p23, r2, sum));
        var y = Fma.MultiplyAdd(scale, tmp, scale);
        return tiny == Vector256<long>.Zero ? y : Vector256.ConditionalSelect(tiny.AsDouble(), x + Vector256.Create(1.0), y);
    }

    /// <summary>The lanes marked in <paramref name="lanes"/> replaced by Math.Log of the lanes of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> ScalarLog(Vector256<double> y, Vector256<double> x, Vector256<long> lanes)
    {
        var mask = lanes.AsDouble().ExtractMostSignificantBits();
        while (mask != 0)
        {
            var j = BitOperations.TrailingZeroCount(mask);
            y = y.WithElement(j, Math.Log(x.GetElement(j)));
            mask &= mask - 1;
        }

        return y;
    }

    /// <summary>The lanes marked in <paramref name="lanes"/> replaced by Math.Exp of the lanes of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> ScalarExp(Vector256<double> y, Vector256<double> x, Vector256<long> lanes)
    {
        var mask = lanes.AsDouble().ExtractMostSignificantBits();
        while (mask != 0)
        {
            var j = BitOperations.TrailingZeroCount(mask);
            y = y.WithElement(j, Math.Exp(x.GetElement(j)));
            mask &= mask - 1;
        }

        return y;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> C(ulong bits) => Vector256.Create(BitConverter.UInt64BitsToDouble(bits));

    /// <summary>
    /// The address of a table: its data is in the assembly's image (a constant <see cref="ReadOnlySpan{T}"/> of ulong),
    /// which the garbage collector never moves, so it needs no pinning.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double* Table(ReadOnlySpan<ulong> data) => (double*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(data));

    /// <summary>x64 with AVX2 and FMA, on Linux with glibc 2.28 or later (whose log and exp are the algorithm replicated here).</summary>
    private static bool Detect()
    {
        if (!Avx2.IsSupported || !Fma.IsSupported || !OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var version = Marshal.PtrToStringAnsi(GnuLibcVersion());
            return version is not null && Version.TryParse(version, out var v) && v >= new Version(2, 28);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc (musl, Bionic): another log and exp
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "gnu_get_libc_version")]
    private static partial IntPtr GnuLibcVersion();

    /// <summary>Every probe through the vector path equals the scalar call, bit for bit.</summary>
    private static bool SelfCheck()
    {
        var probes = Probes();
        var y = new double[probes.Length];
        LogVector(probes, y);
        for (var u = 0; u < probes.Length; u++)
        {
            if (BitConverter.DoubleToInt64Bits(y[u]) != BitConverter.DoubleToInt64Bits(Math.Log(probes[u])))
            {
                return false;
            }
        }

        ExpVector(probes, y);
        for (var u = 0; u < probes.Length; u++)
        {
            if (BitConverter.DoubleToInt64Bits(y[u]) != BitConverter.DoubleToInt64Bits(Math.Exp(probes[u])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The vector path regardless of <see cref="Enabled"/> (needs AVX2 and FMA), the tail by the scalar call.</summary>
    internal static void LogVector(ReadOnlySpan<double> x, Span<double> y)
    {
        var u = 0;
        for (; u <= x.Length - Width; u += Width)
        {
            var v = Vector256.Create(x.Slice(u, Width));
            var r = LogLanes(v, out var outside);
            ScalarLog(r, v, outside).CopyTo(y.Slice(u, Width));
        }

        for (; u < x.Length; u++)
        {
            y[u] = Math.Log(x[u]);
        }
    }

    /// <summary>The vector path regardless of <see cref="Enabled"/> (needs AVX2 and FMA), the tail by the scalar call.</summary>
    internal static void ExpVector(ReadOnlySpan<double> x, Span<double> y)
    {
        var u = 0;
        for (; u <= x.Length - Width; u += Width)
        {
            var v = Vector256.Create(x.Slice(u, Width));
            var r = ExpLanes(v, out var outside);
            ScalarExp(r, v, outside).CopyTo(y.Slice(u, Width));
        }

        for (; u < x.Length; u++)
        {
            y[u] = Math.Exp(x[u]);
        }
    }

    /// <summary>
    /// The self-check's probes (a multiple of 4): values on which glibc's FMA and non-FMA builds differ (so a glibc that
    /// chose another variant, e.g. through GLIBC_TUNABLES, is caught); a value in every log table interval and every exp
    /// table index; the close-to-1 interval and its ends; 1 and 0; the exp thresholds; special values.
    /// </summary>
    internal static double[] Probes()
    {
        var list = new List<double>();
        foreach (var bits in LogProbes)
        {
            list.Add(BitConverter.UInt64BitsToDouble(bits));
        }

        foreach (var bits in ExpProbes)
        {
            list.Add(BitConverter.UInt64BitsToDouble(bits));
        }

        for (var i = 0; i < 128; i++)
        {
            // z in the i-th log subinterval, at exponents −3, 0 and 9; x = (k + ½)·ln2/128 for exp.
            var z = BitConverter.Int64BitsToDouble(LogOff + ((long)i << 45) + 0x123456789AB);
            list.Add(z);
            list.Add(z * 0.125);
            list.Add(z * 512);
            list.Add((i + 0.5 - 64) * Math.Log(2) / 128 * 37);
        }

        var nearHigh = BitConverter.Int64BitsToDouble(NearOneHigh);
        var tiny = BitConverter.Int64BitsToDouble(ExpTiny);
        list.AddRange([
            1.0, 0.9375, nearHigh, Math.BitDecrement(nearHigh), Math.BitDecrement(0.9375), Math.BitIncrement(1.0), Math.BitDecrement(1.0), 100.0,
            0, -0.0, tiny, -tiny, Math.BitDecrement(tiny), 511.9, -511.9, 512,
            -745.2, 709.8, double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -1, double.MaxValue,
        ]);
        return [.. list];
    }

    /// <summary>Bit patterns whose log differs between glibc 2.36's __log_fma and its non-FMA builds (in (0, 100) and near 1).</summary>
    private static ReadOnlySpan<ulong> LogProbes =>
    [
        0x40503A30DA8F1C9D, 0x4020E0F9E8B7FF4D, 0x40521EB565877A81, 0x401B169B9704F0E0, 0x401E1351A945BC86, 0x3FCD4E455F211F50,
        0x4057D97618B8C436, 0x40491BE245E8E115, 0x403AC91D57735A99, 0x3FF0C237A55EF562, 0x3FEE2DA7622559D6, 0x3FF0D278B90F1579,
        0x3FF0AC7393E40CC1, 0x3FF0B54AC69F16A7, 0x3FEEE53DF9F984F3, 0x3FF055396E1876CC, 0x3FF0A33422DEE61D, 0x3FEF0C790CAC5BFF,
        0x3FEECF6B132AB7C6, 0x3FF0B713AEC45EF4, 0x3FF03F9D728D4574, 0x3FF0F6F9E23420DF, 0x3FF0E56048DDEAAD, 0x3FF0F593FDE7D75C,
    ];

    /// <summary>Bit patterns whose exp differs between glibc 2.36's __exp_fma and its non-FMA builds (in [−10, 10] and [−700, 700]).</summary>
    private static ReadOnlySpan<ulong> ExpProbes =>
    [
        0x4019FAB418C38534, 0xC0035BBFD11CCC6C, 0xC01A51207828958C, 0x4012DC667EA4DEE0, 0xC020BA8735B04184, 0xC01B5AF46E6A0C8D,
        0xC01459E66B5873BA, 0x40188D07D0DCD128, 0x4003E55D05696B28, 0xC0232AC23DC79A7F, 0x401BB2124179022C, 0xC00E8E750C9A51BC,
        0x407F40C91CAEE784, 0x40854894FB3B550A, 0x4074513A8A91A424, 0x404D55EC5DEFB020, 0xC076FFCEAACBCF44, 0x4065E83DEB920324,
        0xC063241A1431B62C, 0xC01B74274E13CA00, 0xC07410DD1E7611C6, 0x4068B2C6989D5AC8, 0x406ABEDA10CB24A8, 0xC07A0201B06AEA7A,
    ];
}
