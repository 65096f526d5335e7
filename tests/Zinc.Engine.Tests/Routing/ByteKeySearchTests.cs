using Zinc.Routing;

namespace Zinc.Tests.Routing;

public sealed class ByteKeySearchTests
{
    private static int NaiveIndexOf(ReadOnlySpan<byte> keys, int count, byte value)
    {
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    [Fact]
    public void Empty_keys_find_nothing()
    {
        Assert.Equal(-1, ByteKeySearch.IndexOf(ReadOnlySpan<byte>.Empty, 0));
        Assert.Equal(-1, ByteKeySearch.IndexOf(new byte[16], 0, 0));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(64)]
    [InlineData(100)]
    public void Every_position_is_found_in_blocks_and_in_the_scalar_tail(int length)
    {
        // Distinct keys counting down from 0xFF, so 0x00 never appears unless placed.
        var keys = new byte[length];
        for (int i = 0; i < length; i++)
        {
            keys[i] = (byte)(0xFF - i);
        }

        for (int i = 0; i < length; i++)
        {
            Assert.Equal(i, ByteKeySearch.IndexOf(keys, keys[i]));
        }

        Assert.Equal(-1, ByteKeySearch.IndexOf(keys, 0x00));
    }

    [Fact]
    public void Keys_0x00_and_0xFF_are_found_like_any_other()
    {
        byte[] keys = [1, 2, 3, 0x00, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 0xFF];
        Assert.Equal(3, ByteKeySearch.IndexOf(keys, 0x00));
        Assert.Equal(17, ByteKeySearch.IndexOf(keys, 0xFF));
        Assert.Equal(-1, ByteKeySearch.IndexOf(keys, 0x80));
    }

    [Fact]
    public void First_of_duplicate_keys_is_returned()
    {
        var keys = new byte[48];
        keys[20] = 7;
        keys[40] = 7;
        Assert.Equal(20, ByteKeySearch.IndexOf(keys, 7));
        Assert.Equal(0, ByteKeySearch.IndexOf(keys, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    [InlineData(20)]
    [InlineData(31)]
    public void Padding_past_count_is_never_reported(int count)
    {
        // Stale bytes after count (left by removals) equal the needle: still not found.
        var keys = new byte[32];
        Array.Fill(keys, (byte)0xAB);
        for (int i = 0; i < count; i++)
        {
            keys[i] = (byte)i;
        }

        Assert.Equal(-1, ByteKeySearch.IndexOf(keys, count, 0xAB));
        if (count > 0)
        {
            Assert.Equal(count - 1, ByteKeySearch.IndexOf(keys, count, (byte)(count - 1)));
        }
    }

    [Fact]
    public void Count_larger_than_the_keys_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteKeySearch.IndexOf(new byte[4], 5, 0));
    }

    [Fact]
    public void Block_search_finds_every_live_key_for_every_count()
    {
        var block = new byte[ByteKeySearch.BlockLength];
        for (int i = 0; i < block.Length; i++)
        {
            block[i] = (byte)(0xFF - (i * 7));
        }

        for (int count = 0; count <= block.Length; count++)
        {
            for (int i = 0; i < block.Length; i++)
            {
                Assert.Equal(i < count ? i : -1, ByteKeySearch.IndexOfInBlock(block, count, block[i]));
            }

            Assert.Equal(-1, ByteKeySearch.IndexOfInBlock(block, count, 0x01));
        }
    }

    [Fact]
    public void Block_search_rejects_short_blocks_and_large_counts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteKeySearch.IndexOfInBlock(new byte[16], 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ByteKeySearch.IndexOfInBlock(new byte[64], 33, 0));
    }

    [Fact]
    public void Random_key_sets_agree_with_a_linear_scan()
    {
        var random = new Random(12345);
        for (int round = 0; round < 2000; round++)
        {
            var keys = new byte[random.Next(0, 80)];

            // A narrow alphabet makes duplicates and hits common.
            int alphabet = random.Next(1, 257);
            for (int i = 0; i < keys.Length; i++)
            {
                keys[i] = (byte)random.Next(alphabet);
            }

            int count = random.Next(0, keys.Length + 1);
            for (int probe = 0; probe < 8; probe++)
            {
                byte value = (byte)random.Next(alphabet);
                int expected = NaiveIndexOf(keys, count, value);
                Assert.Equal(expected, ByteKeySearch.IndexOf(keys, count, value));
                if (keys.Length >= ByteKeySearch.BlockLength && count <= ByteKeySearch.BlockLength)
                {
                    Assert.Equal(expected, ByteKeySearch.IndexOfInBlock(keys, count, value));
                }
            }
        }
    }
}
