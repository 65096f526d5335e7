using static Zinc.Tests.Interop.Interop;

namespace Zinc.Tests.Interop;

/// <summary>Message shapes and routing ids across Zinc and libzmq.</summary>
public sealed class MessageInteropTests
{
    public static TheoryData<string, bool> Links() => new() { { "tcp", true }, { "tcp", false }, { "ipc", true }, { "ipc", false } };

    private static (Context, ZincEnd, LibzmqPeer) Link(string transport, bool zincBinds, SocketType type = SocketType.Dealer)
    {
        var ctx = new Context();
        if (zincBinds)
        {
            var zinc = (ZincEnd)Make(ctx, true, type, true, BindEndpoint(transport));
            return (ctx, zinc, (LibzmqPeer)Make(ctx, false, type, false, zinc.Endpoint));
        }
        var lib = (LibzmqPeer)Make(ctx, false, type, true, BindEndpoint(transport));
        return (ctx, (ZincEnd)Make(ctx, true, type, false, lib.Endpoint), lib);
    }

    [Theory]
    [MemberData(nameof(Links))]
    public void Multipart_and_empty_frames_cross_both_ways(string transport, bool zincBinds)
    {
        (Context ctx, ZincEnd zinc, LibzmqPeer lib) = Link(transport, zincBinds);
        using (ctx)
        using (zinc)
        using (lib)
        {
            zinc.Send(B("one"), B("two"), B("three"));
            Expect(lib, "one", "two", "three");
            lib.Send(B("uno"), B("dos"), B("tres"));
            Expect(zinc, "uno", "dos", "tres");

            zinc.Send([], B("middle"), []);
            Expect(lib, "", "middle", "");
            lib.Send([], B("middle"), []);
            Expect(zinc, "", "middle", "");
            zinc.Send(new byte[0]); // one empty frame ([] would be zero frames)
            Expect(lib, "");
            lib.Send(new byte[0]);
            Expect(zinc, "");
        }
    }

    [Theory]
    [MemberData(nameof(Links))]
    public void Four_MiB_message_crosses_both_ways(string transport, bool zincBinds)
    {
        (Context ctx, ZincEnd zinc, LibzmqPeer lib) = Link(transport, zincBinds);
        using (ctx)
        using (zinc)
        using (lib)
        {
            byte[] big = new byte[4 << 20];
            new Random(4).NextBytes(big);
            zinc.Send(big);
            Assert.Equal(big, Assert.Single(Recv(lib)));
            big[0] ^= 0xFF; // a different payload back, so an echo of the first one cannot pass
            lib.Send(big, B("tail"));
            byte[][] back = Recv(zinc);
            Assert.Equal(2, back.Length);
            Assert.Equal(big, back[0]);
            Assert.Equal("tail", S(back[1]));
        }
    }

    [Fact]
    public void Zinc_router_sees_the_libzmq_dealer_routing_id()
    {
        using var ctx = new Context();
        using var router = (ZincEnd)Make(ctx, true, SocketType.Router, true, "tcp://127.0.0.1:*");
        using var dealer = LibzmqPeer.Connect("DEALER", router.Endpoint, "ROUTING_ID=" + Hex("dealer-7"));
        dealer.Send(B("hi"));
        Expect(router, "dealer-7", "hi");
        router.Send(B("dealer-7"), B("hello dealer"));
        Expect(dealer, "hello dealer");
    }

    [Fact]
    public void Libzmq_router_sees_the_zinc_dealer_routing_id()
    {
        using var ctx = new Context();
        using var router = LibzmqPeer.Bind("ROUTER", "tcp://127.0.0.1:*");
        using var dealer = (ZincEnd)Make(ctx, true, SocketType.Dealer, false, router.Endpoint, "ROUTING_ID=" + Hex("zinc-3"));
        dealer.Send(B("hi"));
        Expect(router, "zinc-3", "hi");
        router.Send(B("zinc-3"), B("hello zinc"));
        Expect(dealer, "hello zinc");
    }

    [Fact]
    public void Libzmq_router_sees_the_zinc_req_routing_id_and_envelope()
    {
        using var ctx = new Context();
        using var router = LibzmqPeer.Bind("ROUTER", "ipc://@" + Guid.NewGuid().ToString("N"));
        using var req = (ZincEnd)Make(ctx, true, SocketType.Req, false, router.Endpoint, "ROUTING_ID=" + Hex("req-1"));
        req.Send(B("q"));
        Expect(router, "req-1", "", "q");
        router.Send(B("req-1"), [], B("a"));
        Expect(req, "a");
    }
}
