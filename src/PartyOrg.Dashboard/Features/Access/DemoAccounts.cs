namespace PartyOrg.Dashboard.Features.Access;

/// <summary>
/// The demo sign-ins, created only together with the demo data set (never on a real database).
/// Listed in the README.
/// </summary>
public static class DemoAccounts
{
    public const string Password = "TraVinh@2026";

    public static IReadOnlyList<(string Email, string Role, string? Scope, string DisplayName)> All { get; } =
    [
        ("admin@demo.travinh.vn", Roles.Admin, null, "Quản trị hệ thống"),
        ("bantochuc@demo.travinh.vn", Roles.OrgBoard, null, "Chuyên viên Ban Tổ chức Tỉnh ủy"),
        ("thuongvu@demo.travinh.vn", Roles.StandingCommittee, null, "Ủy viên Ban Thường vụ Tỉnh ủy"),
        ("tieucan@demo.travinh.vn", Roles.DistrictEditor, "TC", "Ban Tổ chức Huyện ủy Tiểu Cần"),
    ];

    public static async Task CreateAsync(UserAdministration administration)
    {
        foreach (var (email, role, scope, name) in All)
        {
            await administration.AddUserAsync(email, role, scope, Password, name);
        }
    }
}
