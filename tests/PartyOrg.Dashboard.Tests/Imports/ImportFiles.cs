using System.Globalization;
using System.Text;

namespace PartyOrg.Dashboard.Tests.Imports;

/// <summary>Files for the CLI and HTTP tests: a two-district province built by a units import, and meetings for its cells.</summary>
public static class ImportFiles
{
    public const string UnitsHeader = "effective_date,action,code,name,short_name,kind,sector,parent_code,successor_code,note";

    /// <summary>P → D1 → G1 → cells C1-1 … C1-n; P → D2 → G2 → cells C2-1 … C2-n; all from 01/01/2020.</summary>
    public static string Province(int cellsPerDistrict = 1)
    {
        var b = new StringBuilder(UnitsHeader).Append('\n');
        b.Append("2020-01-01,new,P,Đảng bộ tỉnh,Tỉnh,province,none,,,\n");
        for (var d = 1; d <= 2; d++)
        {
            b.Append(CultureInfo.InvariantCulture, $"2020-01-01,new,D{d},Đảng bộ huyện {d},Huyện {d},upper_committee,district,P,,\n");
            b.Append(CultureInfo.InvariantCulture, $"2020-01-01,new,G{d},Đảng bộ xã {d},Xã {d},grassroots_committee,commune,D{d},,\n");
            for (var c = 1; c <= cellsPerDistrict; c++)
            {
                b.Append(CultureInfo.InvariantCulture, $"2020-01-01,new,C{d}-{c},Chi bộ ấp {c},Ấp {c},cell,hamlet,G{d},,\n");
            }
        }

        return b.ToString();
    }

    /// <summary><paramref name="rows"/> valid meetings spread over the cells of <see cref="Province"/> (one a day per cell from 01/01/2021).</summary>
    public static void WriteMeetings(string path, int rows, int cellsPerDistrict)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(ImportTestBed.MeetingsHeader + "\n");
        var cells = cellsPerDistrict * 2;
        var start = new DateOnly(2021, 1, 1);
        for (var i = 0; i < rows; i++)
        {
            var cell = i % cells;
            var date = start.AddDays(i / cells);
            var code = string.Create(CultureInfo.InvariantCulture, $"C{1 + cell / cellsPerDistrict}-{1 + cell % cellsPerDistrict}");
            var present = 10 + (i % 9);
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"{code},{date:dd/MM/yyyy},regular,in_person,{90 + i % 40},yes,no,20,{present},{20 - present},0,0,{i % 6},{50 + i % 50}\n"));
        }
    }
}
