namespace Zinc.Security.Zap;

/// <summary>
/// A PLAIN password file as zauth reads it: one <c>name=password</c> per line, blank lines and
/// lines starting with '#' ignored. The name is trimmed; the password is everything after the
/// first '=' (a password may hold spaces or '=').
/// </summary>
internal static class PasswordFile
{
    public static Dictionary<string, string> Load(string path)
    {
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            int equals = line.IndexOf('=');
            string name = equals < 0 ? "" : line.Substring(0, equals).Trim();
            if (name.Length == 0) throw new InvalidDataException($"{path} line {i + 1}: expected name=password");
            passwords[name] = line.Substring(equals + 1);
        }
        return passwords;
    }
}
