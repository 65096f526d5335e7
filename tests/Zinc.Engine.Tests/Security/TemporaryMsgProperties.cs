// TEMPORARY — DELETE AT MERGE. Stands in for Msg.GetProperty (zmq_msg_gets), which lands with the
// PLAIN/CURVE/ZAP implementation on main; it only keeps this branch compiling until then. Once the
// real instance method exists it takes precedence over this extension anyway, so a forgotten copy
// cannot mask it, but remove the file when merging.
namespace Zinc.Tests.Security;

internal static class TemporaryMsgProperties
{
    internal static string? GetProperty(this Msg m, string name) => null;
}
