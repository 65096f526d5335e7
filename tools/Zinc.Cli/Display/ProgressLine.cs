using System.Diagnostics;
using Zinc.Bench;

namespace Zinc.Cli.Display;

/// <summary>
/// Live progress on stderr: on a terminal, one line per run redrawn in place with \r (label,
/// bar or warm-up spinner, elapsed time) and left showing the result; when stderr is a file or
/// a pipe, one plain line per finished run. Redraws ten times a second from a timer, so the
/// measured threads never write to the console.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private const int BarWidth = 24;
    private static readonly char[] s_spinner = ['|', '/', '-', '\\'];

    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly object _lock = new();
    private readonly Timer _timer;
    private readonly Stopwatch _clock = new();
    private string? _label;
    private BenchProgress? _progress;
    private int _lastWidth;
    private int _ticks;

    public ProgressLine(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
        _timer = new Timer(_ => Redraw(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>Progress on stderr, redrawn in place when stderr is a terminal.</summary>
    public static ProgressLine ForStandardError() => new(Console.Error, !Console.IsErrorRedirected);

    /// <summary>Starts showing a run.</summary>
    public void Begin(string label, BenchProgress progress)
    {
        lock (_lock)
        {
            _label = label;
            _progress = progress;
            _clock.Restart();
            _ticks = 0;
        }
        if (!_interactive) return;
        Redraw();
        _timer.Change(100, 100);
    }

    /// <summary>Ends the current run's line with <paramref name="outcome"/> (a figure or an error).</summary>
    public void End(string outcome)
    {
        _timer.Change(Timeout.Infinite, Timeout.Infinite);
        lock (_lock)
        {
            if (_label is null) return;
            string line = $"{_label}  {outcome}  ({_clock.Elapsed.TotalSeconds:F1} s)";
            if (_interactive) Overwrite(line);
            _writer.WriteLine(_interactive ? "" : line);
            _writer.Flush();
            _label = null;
            _progress = null;
            _lastWidth = 0;
        }
    }

    /// <summary>A line of its own between runs ("tcp: not available yet").</summary>
    public void Note(string text)
    {
        lock (_lock)
        {
            _writer.WriteLine(text);
            _writer.Flush();
        }
    }

    private void Redraw()
    {
        lock (_lock)
        {
            if (_label is null || _progress is null) return;
            string state = _progress.Measuring ? Bar(_progress.Fraction) : $"[ warm-up {s_spinner[_ticks++ % s_spinner.Length]} ]".PadRight(BarWidth + 7);
            Overwrite($"{_label}  {state}  {_clock.Elapsed.TotalSeconds,5:F1} s");
            _writer.Flush();
        }
    }

    private static string Bar(double fraction)
    {
        int filled = (int)Math.Round(fraction * BarWidth);
        return $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {fraction * 100,3:F0}%";
    }

    // Pads to the previous width so a shorter line leaves no tail of the longer one.
    private void Overwrite(string line)
    {
        _writer.Write('\r');
        _writer.Write(line.PadRight(_lastWidth));
        _lastWidth = line.Length;
    }

    public void Dispose()
    {
        using var done = new ManualResetEvent(false);
        if (_timer.Dispose(done)) done.WaitOne();
    }
}
