namespace Coo.Modules.Users.Features.RegisterUser;

/// <summary>The most used passwords of at least ten characters in public breach lists; refused at registration.</summary>
internal static class CommonPasswords
{
    private static readonly HashSet<string> Passwords = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "123456789a", "1234567890a", "0123456789", "1q2w3e4r5t", "1qaz2wsx3edc",
        "qwertyuiop", "qwertyuiop1", "qwerty1234", "qwerty12345", "qwerty123456", "asdfghjkl1", "zxcvbnm123",
        "password12", "password123", "password1234", "passw0rd123", "p@ssw0rd123", "iloveyou123", "iloveyou12",
        "abcdefghij", "abcd123456", "abc1234567", "aaaaaaaaaa", "1111111111", "0000000000", "9876543210",
        "987654321a", "football123", "baseball123", "basketball", "sunshine123", "princess123", "welcome123",
        "welcome1234", "letmein123", "monkey1234", "dragon1234", "master1234", "superman123", "michael123",
        "charlie123", "changeme123", "administrator", "admin12345", "admin123456", "trustno1234", "starwars123",
        "q1w2e3r4t5", "1q2w3e4r5t6y", "zaq12wsxcde3", "qazwsxedcrfv", "computer123", "whatever123", "freedom123",
        "jordan2323", "liverpool1", "chelsea123", "samsung123", "google1234", "internet123",
        "password!!", "Password123!", "Aa123456789",
    };

    public static bool Contains(string password) => Passwords.Contains(password);
}
