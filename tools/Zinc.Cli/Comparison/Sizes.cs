namespace Zinc.Cli.Comparison;

/// <summary>Message sizes as "8 B", "1 KiB".</summary>
internal static class Sizes
{
    public static string Format(int bytes) =>
        bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB" : $"{bytes} B";
}
