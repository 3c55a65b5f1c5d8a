using System.CommandLine;

namespace Handheld.Simulator.Cli;

/// <summary>Range checks on numeric options, at parse time (exit 2, the option named): a negative rate, delay or count
/// is a typo, never a request.</summary>
internal static class Ranges
{
    public static Option<T> AtLeast<T>(this Option<T> option, T min, string what = "") where T : struct, IComparable<T>
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<T>();
            if (v.CompareTo(min) < 0) r.AddError($"{v} is below {min}{what}");
        });
        return option;
    }

    public static Option<T?> AtLeast<T>(this Option<T?> option, T min) where T : struct, IComparable<T>
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<T?>() is T v && v.CompareTo(min) < 0) r.AddError($"{v} is below {min}");
        });
        return option;
    }

    public static Option<T> Between<T>(this Option<T> option, T min, T max) where T : struct, IComparable<T>
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<T>();
            if (v.CompareTo(min) < 0 || v.CompareTo(max) > 0) r.AddError($"{v} is not between {min} and {max}");
        });
        return option;
    }

    public static Option<T> Above<T>(this Option<T> option, T min) where T : struct, IComparable<T>
    {
        option.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<T>();
            if (v.CompareTo(min) <= 0) r.AddError($"{v} must be above {min}");
        });
        return option;
    }
}
