namespace EcCrm.Server.Dashboard;

/// <summary>A recently sent e-mail, as the dashboard lists it.</summary>
internal sealed record DashboardSend(DateTimeOffset SentAt, string To, string Subject, string? Link);
