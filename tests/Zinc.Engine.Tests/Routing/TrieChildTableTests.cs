using Zinc.Routing;

namespace Zinc.Tests.Routing;

public sealed class TrieChildTableTests
{
    private sealed class Item(int id)
    {
        public int Id { get; } = id;
    }

    private static List<byte> KeysInOrder(ref TrieChildTable<Item> table)
    {
        var keys = new List<byte>();
        int cursor = 0;
        while (table.TryGetNext(ref cursor, out byte key, out Item item))
        {
            Assert.Equal(key, item.Id);
            keys.Add(key);
        }

        return keys;
    }

    [Fact]
    public void Empty_table_finds_nothing()
    {
        var table = default(TrieChildTable<Item>);
        Assert.Equal(0, table.Count);
        Assert.Null(table.Find(0));
        Assert.False(table.Remove(0));
        Assert.False(table.Replace(0, new Item(0)));
    }

    [Fact]
    public void Table_goes_dense_past_the_sparse_limit_and_sparse_again_below_the_shrink_limit()
    {
        var table = default(TrieChildTable<Item>);

        // Keys spread over the whole byte range, 0x00 and 0xFF included.
        byte[] keys = Enumerable.Range(0, 256).Select(i => (byte)(i * 167 + 13)).ToArray();
        Assert.Equal(256, keys.Distinct().Count());
        Assert.Contains((byte)0x00, keys);
        Assert.Contains((byte)0xFF, keys);

        for (int i = 0; i < keys.Length; i++)
        {
            table.Add(keys[i], new Item(keys[i]));
            Assert.Equal(i + 1, table.Count);
            Assert.Equal(i + 1 > TrieChildTable<Item>.SparseLimit, table.IsDense);
            for (int j = 0; j <= i; j++)
            {
                Assert.Equal(keys[j], table.Find(keys[j])!.Id);
            }

            for (int j = i + 1; j < keys.Length; j++)
            {
                Assert.Null(table.Find(keys[j]));
            }
        }

        for (int i = 0; i < keys.Length; i++)
        {
            Assert.True(table.Remove(keys[i]));
            Assert.False(table.Remove(keys[i]));
            int left = keys.Length - i - 1;
            Assert.Equal(left, table.Count);
            Assert.Equal(left > TrieChildTable<Item>.ShrinkLimit, table.IsDense);
            Assert.Null(table.Find(keys[i]));
            for (int j = i + 1; j < keys.Length; j++)
            {
                Assert.Equal(keys[j], table.Find(keys[j])!.Id);
            }
        }
    }

    [Fact]
    public void Walk_is_in_ascending_key_order_in_both_forms()
    {
        var table = default(TrieChildTable<Item>);
        byte[] keys = [0xFF, 0x00, 0x80, 0x7F, 0x01, 0xFE];
        foreach (byte key in keys)
        {
            table.Add(key, new Item(key));
        }

        Assert.Equal(keys.Order(), KeysInOrder(ref table));

        for (int k = 2; k < 0x7F; k++)
        {
            table.Add((byte)k, new Item(k));
        }

        Assert.True(table.IsDense);
        Assert.Equal(Enumerable.Range(0, 0x81).Select(k => (byte)k).Concat([(byte)0xFE, (byte)0xFF]), KeysInOrder(ref table));
    }

    [Fact]
    public void Walk_survives_removing_the_current_child()
    {
        var table = default(TrieChildTable<Item>);
        for (int k = 0; k < 40; k++)
        {
            table.Add((byte)k, new Item(k));
        }

        // Removing as we go also crosses the dense -> sparse switch mid-walk.
        var seen = new List<int>();
        int cursor = 0;
        while (table.TryGetNext(ref cursor, out byte key, out Item _))
        {
            seen.Add(key);
            Assert.True(table.Remove(key));
        }

        Assert.Equal(Enumerable.Range(0, 40), seen);
        Assert.Equal(0, table.Count);
        Assert.False(table.IsDense);
    }

    [Fact]
    public void Replace_points_an_existing_key_at_a_new_node()
    {
        var table = default(TrieChildTable<Item>);
        table.Add(5, new Item(5));
        table.Add(6, new Item(6));
        var replacement = new Item(5);
        Assert.True(table.Replace(5, replacement));
        Assert.Same(replacement, table.Find(5));
        Assert.False(table.Replace(7, replacement));
        Assert.Equal(2, table.Count);
    }
}
