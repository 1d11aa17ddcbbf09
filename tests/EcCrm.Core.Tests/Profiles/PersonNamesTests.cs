using EcCrm.Testing;
using System.Globalization;
using EcCrm.Core.Profiles;

namespace EcCrm.Core.Tests.Profiles;

public class PersonNamesTests
{
    private static readonly CultureInfo Japanese = CultureInfo.GetCultureInfo("ja-JP");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    [Fact]
    public void AJapaneseNamePutsTheFamilyNameFirst()
    {
        var profile = CustomerProfile.Empty(TestKeys.ForEmail("hanako@example.com")) with { FirstName = "花子", LastName = "山田" };

        Assert.Equal("山田 花子", profile.FullName);
    }

    [Fact]
    public void ANameInLatinLettersPutsTheGivenNameFirstWhateverTheLanguage()
    {
        Assert.Equal("Hanako Yamada", PersonNames.Full("Hanako", "Yamada"));
        Assert.Equal("Hanako Yamada 様", PersonNames.Salutation("Hanako", "Yamada", Japanese));
    }

    [Theory]
    [InlineData("花子", "山田", "山田 花子 様")]
    [InlineData(null, "山田", "山田 様")]
    [InlineData("ハナコ", null, "ハナコ 様")]
    [InlineData(null, null, "お客様")]
    [InlineData(" ", "", "お客様")]
    public void JapaneseSalutationsEndInSama(string? given, string? family, string expected)
    {
        Assert.Equal(expected, PersonNames.Salutation(given, family, Japanese));
    }

    [Theory]
    [InlineData("Hanako", "Yamada", "Dear Hanako")]
    [InlineData(null, "Yamada", "Dear Yamada")]
    [InlineData("花子", "山田", "Dear 山田 花子")]
    [InlineData(null, null, "Dear customer")]
    public void EnglishSalutationsUseTheGivenName(string? given, string? family, string expected)
    {
        Assert.Equal(expected, PersonNames.Salutation(given, family, English));
    }
}
