using Zinc.Bench;
using Zinc.Cli.Verbs;

// A peer process of a benchmark re-launches this executable with the hidden PeerEntry.Argument;
// everything else is a verb.
if (PeerEntry.IsPeer(args)) return PeerEntry.Run(args);
return VerbTable.Dispatch(args);
