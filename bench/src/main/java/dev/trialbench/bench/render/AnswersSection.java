package dev.trialbench.bench.render;

import dev.trialbench.bench.claims.Answer;
import dev.trialbench.bench.render.Document.Block;
import dev.trialbench.bench.render.Document.Bullets;
import dev.trialbench.bench.render.Document.Image;
import dev.trialbench.bench.render.Document.Paragraph;
import dev.trialbench.bench.render.Document.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's first section: the optimization report's headline questions, one line each, as the
 * claims answer them ({@link dev.trialbench.bench.claims.Answers}); the end of a run prints the same
 * lines. Then the factorial chart, the one a reader looks at first. Stateless.
 */
final class AnswersSection {

    static final String ID = "answers";

    private AnswersSection() {
    }

    static Section of(List<Answer> answers) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Paragraph("Each line: the question, the verdict on the report's claim (see \"Claims of the report\""
                + " for the rules), and the figures it rests on; `[low, high]` is the interval a verdict is decided on."));
        blocks.add(new Bullets(answers.stream().map(AnswersSection::line).toList()));
        blocks.add(new Image(FactorialChart.NAME, FactorialChart.TITLE));
        return new Section(ID, "The answers", blocks);
    }

    /** {@link Answer#line()} with the verdict in bold. */
    static String line(Answer answer) {
        return answer.judgement() == null ? answer.line()
                : answer.question() + " " + Inline.bold(answer.judgement().verdictText()) + ": " + answer.detail();
    }
}
