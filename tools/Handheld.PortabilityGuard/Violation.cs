namespace Handheld.PortabilityGuard;

/// <summary>One construct the device cannot run: what is referenced, why it is refused, and where it is used.</summary>
public sealed record Violation(ViolationKind Kind, string Reference, string UsedBy)
{
    public override string ToString() => $"{Kind}: {Reference} (used by {UsedBy})";
}

public enum ViolationKind
{
    /// <summary>A type or member not in the nanoFramework allow-list.</summary>
    NotInNanoFrameworkApi,
    /// <summary>A generic type or method defined in the assembly.</summary>
    DefinesGeneric,
    /// <summary>A generic type or method instantiated (List&lt;T&gt;, Action&lt;T&gt;, …).</summary>
    UsesGeneric,
    /// <summary>An async state machine (async/await).</summary>
    Async,
    /// <summary>System.Linq.</summary>
    Linq,
    /// <summary>Span&lt;T&gt;, ReadOnlySpan&lt;T&gt;, Memory&lt;T&gt; or stackalloc spans.</summary>
    Span,
    /// <summary>ValueTuple (C# tuples).</summary>
    Tuple,
    /// <summary>dynamic (Microsoft.CSharp binder).</summary>
    Dynamic,
    /// <summary>An interpolated-string handler (C# 10+ lowering of $"...").</summary>
    InterpolatedStringHandler,
    /// <summary>A hardware namespace (System.Device.*, nanoFramework.*): hardware belongs in adapters.</summary>
    HardwareNamespace,
}
