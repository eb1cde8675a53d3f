using System.Globalization;
using Baton.Core.Errors;
using Baton.Core.Interactions;

namespace Baton.Core.Application;

/// <summary>
/// Turns what a person typed for a question (texts in question order, options picked by number, or answers keyed by
/// question text or number) into the answers the agent gets: keyed by each question's text, an option's label for a
/// choice. Every front end builds answers here, so <c>--option 2</c>, REST's <c>option: 2</c> and MCP's
/// <c>answers: {"1": "..."}</c> mean the same.
/// </summary>
public static class InteractionAnswers
{
    /// <summary>The answers to <paramref name="interaction"/>'s questions.</summary>
    /// <param name="interaction">A question.</param>
    /// <param name="texts">Free-text answers, given to the questions not answered by an option, in order.</param>
    /// <param name="options">Picked options: <c>N</c> (the first question's Nth) or <c>Q.N</c> (question Q's Nth), from 1.</param>
    /// <returns>The answers, and a message when the question has no structured questions (the texts, joined).</returns>
    public static (IReadOnlyDictionary<string, string> Answers, string? Message) Build(InteractionRecord interaction, IReadOnlyList<string> texts, IReadOnlyList<string> options)
    {
        var questions = interaction.Ask.Questions;
        if (questions.Count == 0)
        {
            if (options.Count > 0)
            {
                throw BatonException.Invalid($"interaction {interaction.Id} asks '{interaction.Ask.Summary}' without options to pick; answer it with text");
            }

            var message = string.Join('\n', texts.Where(t => !string.IsNullOrWhiteSpace(t)));
            return message.Length > 0
                ? (new Dictionary<string, string>(), message)
                : throw BatonException.Invalid($"say what to answer: give the answer as TEXT");
        }

        var picked = new Dictionary<int, List<string>>();
        foreach (var option in options)
        {
            var (question, number) = ParseOption(option, questions);
            var offered = questions[question].Options;
            if (number < 1 || number > offered.Count)
            {
                throw BatonException.Invalid(offered.Count == 0
                    ? $"question {question + 1} ('{questions[question].Text}') offers no options; answer it with text"
                    : $"option {option} does not exist: question {question + 1} offers options 1 to {offered.Count}");
            }

            var labels = picked.TryGetValue(question, out var list) ? list : picked[question] = [];
            if (labels.Count > 0 && !questions[question].MultiSelect)
            {
                throw BatonException.Invalid($"question {question + 1} ('{questions[question].Text}') takes one option, not several");
            }

            labels.Add(offered[number - 1].Label);
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        var nextText = 0;
        for (var i = 0; i < questions.Count; i++)
        {
            if (picked.TryGetValue(i, out var labels))
            {
                answers[questions[i].Text] = string.Join(", ", labels);
            }
            else if (nextText < texts.Count)
            {
                answers[questions[i].Text] = texts[nextText++];
            }
            else
            {
                throw BatonException.Invalid(
                    $"question {i + 1} ('{questions[i].Text}') has no answer; give a TEXT for it{(questions[i].Options.Count > 0 ? $" or pick an option ({(questions.Count > 1 ? $"{i + 1}." : string.Empty)}N)" : string.Empty)}");
            }
        }

        return nextText < texts.Count
            ? throw BatonException.Invalid($"{texts.Count - nextText} answer(s) too many: the interaction asks {questions.Count} question(s)")
            : (answers, null);
    }

    /// <summary>
    /// Answers keyed by question text or by number (from 1), as REST and MCP take them, keyed by each question's text;
    /// a value that is an option's number picks that option.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Normalize(InteractionRecord interaction, IReadOnlyDictionary<string, string> given)
    {
        var questions = interaction.Ask.Questions;
        if (interaction.Ask.Kind != InteractionKind.Question)
        {
            // Not a question: the application layer refuses answers to it, saying what it takes.
            return given;
        }

        var answers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in given)
        {
            var index = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= 1 && number <= questions.Count
                ? number - 1
                : questions.Select((q, i) => (q, i)).FirstOrDefault(p => p.q.Text == key, (null!, -1)).Item2;
            if (index < 0)
            {
                throw BatonException.Invalid(questions.Count == 0
                    ? $"interaction {interaction.Id} has no listed questions; give the answer as message"
                    : $"answers names '{key}', which is not one of its {questions.Count} question(s); key answers by the question's text or number (1 to {questions.Count})");
            }

            var options = questions[index].Options;
            answers[questions[index].Text] = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var pick) && pick >= 1 && pick <= options.Count
                ? options[pick - 1].Label
                : value;
        }

        return answers;
    }

    private static (int Question, int Number) ParseOption(string option, IReadOnlyList<InteractionQuestion> questions)
    {
        var parts = option.Trim().Split('.');
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var question = parts.Length == 2 ? int.Parse(parts[0], CultureInfo.InvariantCulture) : 1;
            if (question < 1 || question > questions.Count)
            {
                throw BatonException.Invalid($"option {option} names question {question}; the interaction asks {questions.Count} question(s)");
            }

            return (question - 1, int.Parse(parts[^1], CultureInfo.InvariantCulture));
        }

        throw BatonException.Invalid($"option '{option}' is not a number: pick N (from 1) for the first question, or Q.N for question Q");
    }
}
