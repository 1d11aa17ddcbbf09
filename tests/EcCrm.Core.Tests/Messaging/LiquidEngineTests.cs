using EcCrm.Core.Messaging.Templates;
using Fluid.Values;

namespace EcCrm.Core.Tests.Messaging;

public class LiquidEngineTests
{
    [Fact]
    public void TheSameTextIsParsedOnce()
    {
        var text = string.Concat("<p>{{ shop.name }}", "</p>");

        Assert.Same(LiquidEngine.Parse(text), LiquidEngine.Parse(text));
    }

    [Fact]
    public void AnEditedTextIsParsedAgain()
    {
        var options = LiquidEngine.Options(new Dictionary<string, string>());
        var model = new Dictionary<string, FluidValue> { ["name"] = new StringValue("Sam") };
        var text = string.Concat("<p>Hello {{ name }}", "</p>");
        Assert.Equal("<p>Hello Sam</p>", LiquidEngine.Render(LiquidEngine.Parse(text), options, model));

        var edited = text.Replace("Hello", "Welcome back", StringComparison.Ordinal);

        Assert.Equal("<p>Welcome back Sam</p>", LiquidEngine.Render(LiquidEngine.Parse(edited), options, model));
    }

    [Fact]
    public void OneSetOfPartialsKeepsItsOptionsAndAnotherSetGetsItsOwn()
    {
        var partials = new Dictionary<string, string> { ["greeting"] = "Hello {{ name }}" };
        var changed = new Dictionary<string, string> { ["greeting"] = "Welcome back {{ name }}" };
        var model = new Dictionary<string, FluidValue> { ["name"] = new StringValue("Sam") };
        var include = LiquidEngine.Parse("{% include 'greeting' %}");

        Assert.Same(LiquidEngine.Options(partials), LiquidEngine.Options(partials));
        Assert.Equal("Hello Sam", LiquidEngine.Render(include, LiquidEngine.Options(partials), model));
        Assert.Equal("Welcome back Sam", LiquidEngine.Render(include, LiquidEngine.Options(changed), model));
        Assert.Equal("Hello Sam", LiquidEngine.Render(include, LiquidEngine.Options(partials), model));
    }
}
