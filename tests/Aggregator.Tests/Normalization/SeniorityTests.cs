using Aggregator.Normalization;

namespace Aggregator.Tests.Normalization;

public class SeniorityTests
{
    [Theory]
    [InlineData("IT Specialist (APPSW) Intern", SeniorityLevel.Entry)]
    [InlineData("Junior Developer", SeniorityLevel.Entry)]
    [InlineData("Associate Data Analyst", SeniorityLevel.Entry)]
    [InlineData("Information Technology Specialist I", SeniorityLevel.Entry)]
    [InlineData("Information Technology Specialist II", SeniorityLevel.Mid)]
    [InlineData("Information Technology Specialist 2", SeniorityLevel.Mid)]
    [InlineData("Programmer Analyst III", SeniorityLevel.Senior)]
    [InlineData("Information Technology Specialist 3", SeniorityLevel.Senior)]
    [InlineData("Systems Administrator IV", SeniorityLevel.Lead)]
    [InlineData("Senior Software Developer", SeniorityLevel.Senior)]
    [InlineData("Sr. Data Engineer", SeniorityLevel.Senior)]
    [InlineData("Lead Developer", SeniorityLevel.Lead)]
    [InlineData("Staff Software Engineer", SeniorityLevel.Lead)]
    [InlineData("Principal Developer", SeniorityLevel.Principal)]
    [InlineData("IT Service Manager", SeniorityLevel.Manager)]
    [InlineData("Supervisory IT Specialist (INFOSEC)", SeniorityLevel.Manager)]
    [InlineData("Head of User Research", SeniorityLevel.Manager)]
    [InlineData("Director of Product Management", SeniorityLevel.Director)]
    [InlineData("Deputy Director, Digital Services", SeniorityLevel.Director)]
    [InlineData("Assistant Director for Technology", SeniorityLevel.Director)]
    [InlineData("Chief Information Officer", SeniorityLevel.Executive)]
    [InlineData("Deputy Chief Information Officer", SeniorityLevel.Executive)]
    [InlineData("Content Designer", SeniorityLevel.Unknown)]
    public void TitleWordsSetTheLevel(string title, SeniorityLevel expected) => Assert.Equal(expected, Seniority.Parse(title).Level);

    [Theory]
    [InlineData("Delivery Manager - AA", SeniorityLevel.Manager)]
    [InlineData("Administrative Officer - AO", SeniorityLevel.Entry)]
    [InlineData("Data Analyst - EO", SeniorityLevel.Mid)]
    [InlineData("Interaction Designer - HEO - 12345", SeniorityLevel.Mid)]
    [InlineData("User Researcher (SEO)", SeniorityLevel.Senior)]
    [InlineData("Technical Architect G7", SeniorityLevel.Lead)]
    [InlineData("Head of Service Design - G6", SeniorityLevel.Manager)]
    [InlineData("Chief Digital Officer - SCS", SeniorityLevel.Executive)]
    [InlineData("Software Engineer - Grade 7", SeniorityLevel.Lead)]
    [InlineData("Product Manager, Grade 6", SeniorityLevel.Manager)]
    public void UkGradesSetTheLevel(string title, SeniorityLevel expected) => Assert.Equal(expected, Seniority.Parse(title).Level);

    [Fact]
    public void LevelsAreOrdered()
    {
        Assert.True(SeniorityLevel.Entry < SeniorityLevel.Mid);
        Assert.True(SeniorityLevel.Senior < SeniorityLevel.Lead);
        Assert.True(SeniorityLevel.Principal < SeniorityLevel.Manager);
        Assert.True(SeniorityLevel.Director < SeniorityLevel.Executive);
    }

    [Fact]
    public void GradeRangeFromPayPlanAndGrades()
    {
        var result = Seniority.Parse("IT Specialist (APPSW)", "GS", "13", "15");
        Assert.Equal("GS-13 to GS-15", result.GradeRange);
        Assert.Equal(SeniorityLevel.Principal, result.Level);
        Assert.Equal("GS-7 to GS-9", Seniority.Parse("IT Specialist", "gs", "07", "09").GradeRange);
        Assert.Equal("GS-12", Seniority.Parse("IT Specialist", "GS", "12", "12").GradeRange);
        Assert.Equal("GS-12", Seniority.Parse("IT Specialist", "GS", "12", null).GradeRange);
        Assert.Equal("", Seniority.Parse("IT Specialist", null, "12", "13").GradeRange);
        Assert.Equal("", Seniority.Parse("IT Specialist").GradeRange);
    }

    [Theory]
    [InlineData("GS", "7", SeniorityLevel.Entry)]
    [InlineData("GS", "11", SeniorityLevel.Mid)]
    [InlineData("GS", "13", SeniorityLevel.Senior)]
    [InlineData("GS", "14", SeniorityLevel.Lead)]
    [InlineData("GS", "15", SeniorityLevel.Principal)]
    [InlineData("ES", "00", SeniorityLevel.Executive)]
    public void GradeDecidesWhenTheTitleHasNoLevelWords(string plan, string grade, SeniorityLevel expected) =>
        Assert.Equal(expected, Seniority.Parse("IT Specialist (SYSADMIN)", plan, grade, grade).Level);

    [Fact]
    public void TitleWordsBeatTheGrade() =>
        Assert.Equal(SeniorityLevel.Manager, Seniority.Parse("Supervisory IT Specialist", "GS", "14", "14").Level);

    [Fact]
    public void StaffAloneIsNotALevel() => Assert.Equal(SeniorityLevel.Unknown, Seniority.Parse("Staff Analyst").Level);

    [Fact]
    public void ReasonNamesTheWord() => Assert.Equal("title word 'senior'", Seniority.Parse("Senior DevOps Engineer").Reason);
}
