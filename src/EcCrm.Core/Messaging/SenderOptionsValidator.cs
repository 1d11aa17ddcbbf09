using EcCrm.Core.Profiles;
using Microsoft.Extensions.Options;

namespace EcCrm.Core.Messaging;

/// <summary>Refuses to start without a sender address.</summary>
public sealed class SenderOptionsValidator : IValidateOptions<SenderOptions>
{
    public ValidateOptionsResult Validate(string? name, SenderOptions options) =>
        EmailAddress.IsPlausible(options.FromAddress)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Setting '{SenderOptions.SectionName}:FromAddress' (environment variable {SenderOptions.SectionName}__FromAddress) must be the address e-mail is sent from, such as news@shop.example.com.");
}
