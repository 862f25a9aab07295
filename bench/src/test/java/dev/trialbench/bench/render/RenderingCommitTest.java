package dev.trialbench.bench.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rendering commit: unknown outside git; else a commit (with a mark for uncommitted changes). */
class RenderingCommitTest {

    @TempDir
    Path temp;

    @Test
    void outsideGitTheRenderingCommitIsUnknown() {
        assertThat(RenderingCommit.of(temp).text()).startsWith("unknown (");
    }

    @Test
    void inThisCheckoutItIsACommitOrSaysWhyNot() {
        assertThat(RenderingCommit.ofCheckout().text()).matches("[0-9a-f]{8}(\\+changes)?|unknown \\(.*\\)");
    }
}
