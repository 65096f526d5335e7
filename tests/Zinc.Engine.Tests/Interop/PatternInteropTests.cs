namespace Zinc.Tests.Interop;

/// <summary>
/// Every compatible socket pair, Zinc on one side and libzmq on the other, either side binding,
/// over tcp and ipc. In "REQ-REP", side A is the REQ: zincIsA says which side Zinc plays,
/// aBinds which side binds.
/// </summary>
public sealed class PatternInteropTests
{
    public static TheoryData<string, bool, bool, string> Cases()
    {
        var data = new TheoryData<string, bool, bool, string>();
        foreach (string transport in new[] { "tcp", "ipc" })
        foreach (PatternCase c in PatternCase.All)
        foreach (bool zincIsA in new[] { true, false })
        {
            if (c.Symmetric && !zincIsA) continue; // same as zincIsA with the roles swapped
            foreach (bool aBinds in new[] { true, false })
                data.Add(c.Name, zincIsA, aBinds, transport);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pair_interoperates(string pair, bool zincIsA, bool aBinds, string transport) =>
        PatternCase.RunCase(PatternCase.Named(pair), zincIsA, aBinds, transport);
}
