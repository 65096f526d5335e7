using Zinc.Security.Certificates;

namespace Zinc.Tests.Security;

public class ZplDocumentTests
{
    [Fact]
    public void ReadsNestedPropertiesCommentsAndQuotes()
    {
        const string text = """
            # a comment
            context
                iothreads = 1
                verbose = 1      #   Ask for a trace
            main
                frontend
                    subscribe = "#2"
                    other = 'it''s'
                bind = tcp://eth0:5555
            bare
            half = "open # cut
            """;
        ZplDocument document = ZplDocument.Parse(text);
        Assert.Equal("1", document.Get("context/iothreads"));
        Assert.Equal("1", document.Get("context/verbose"));
        Assert.Equal("#2", document.Get("main/frontend/subscribe"));
        Assert.Equal("'it''s'", document.Get("main/frontend/other")); // no escapes in ZPL: the closing quote is not last, so it is unquoted
        Assert.Equal("tcp://eth0:5555", document.Get("main/bind"));
        Assert.Equal("", document.Get("bare"));
        Assert.Equal("\"open", document.Get("half"));                       // an unclosed quote is part of the value
        Assert.Equal("\"x\" y", ZplDocument.Parse("a = \"x\" y").Get("a")); // so is one that is not at the end
        Assert.Null(document.Get("main/subscribe"));
        Assert.Equal(new[] { "iothreads", "verbose" }, document.ChildrenOf("context").Select(p => p.Key));
        Assert.Equal(new[] { "frontend", "bind" }, document.ChildrenOf("main").Select(p => p.Key));
    }

    [Fact]
    public void AcceptsEveryLineEnding()
    {
        ZplDocument document = ZplDocument.Parse("a\r\n    b = 1\r    c = 2\n");
        Assert.Equal("1", document.Get("a/b"));
        Assert.Equal("2", document.Get("a/c"));
    }

    [Theory]
    [InlineData("a\n  b = 1")]          // two spaces
    [InlineData("a\n        b = 1")]    // two levels at once
    [InlineData("\ta = 1")]             // tab
    [InlineData("a : 1")]               // no '='
    [InlineData("=1")]                  // no name
    public void RejectsBadLines(string text)
    {
        Assert.Throws<FormatException>(() => ZplDocument.Parse(text));
    }

    [Fact]
    public void WriterOutputParsesBack()
    {
        string text = new ZplWriter().Comment("header").BlankLine()
            .Section("metadata").Property("name", "has \"quotes\" and # hash")
            .Section("curve").Property("public-key", "abc#=def").ToString();
        ZplDocument document = ZplDocument.Parse(text);
        Assert.Equal("has \"quotes\" and # hash", document.Get("metadata/name"));
        Assert.Equal("abc#=def", document.Get("curve/public-key"));
        Assert.Throws<ArgumentException>(() => new ZplWriter().Property("bad name", "x"));
        Assert.Throws<ArgumentException>(() => new ZplWriter().Property("name", "line\nbreak"));
    }
}
