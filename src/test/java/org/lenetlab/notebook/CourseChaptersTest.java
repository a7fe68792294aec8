package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.lenetlab.kernel.KernelSession;
import org.lenetlab.train.RunProfile;

/**
 * The course itself: every chapter in {@code notebooks/} runs top to bottom in smoke mode on the real kernel, the
 * executed notebook validates with Jupyter's nbformat and shows at least one figure.
 */
class CourseChaptersTest {

    @TempDir
    static Path out;

    @BeforeAll
    static void smokeProfile() {
        System.setProperty(RunProfile.PROPERTY, "smoke");
        System.clearProperty("lenetlab.dataset");
    }

    @AfterAll
    static void clearProfile() {
        System.clearProperty(RunProfile.PROPERTY);
    }

    @TestFactory
    Stream<DynamicTest> everyChapterRunsInSmokeMode() throws IOException {
        List<Path> chapters;
        try (Stream<Path> files = Files.list(Path.of("notebooks"))) {
            chapters = files.filter(p -> p.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
        }
        assertEquals(5, chapters.size(), "chapters 00-04 in notebooks/: " + chapters);
        NotebookRunner runner = NotebookRunner.builder(() -> KernelSession.start().awaitReady())
                .console(new PrintStream(OutputStream.nullOutputStream()), System.err, true)
                .cellTimeout(Duration.ofMinutes(15)).build();
        return chapters.stream().map(chapter -> DynamicTest.dynamicTest(chapter.getFileName().toString(), () -> {
            Path executed = out.resolve(chapter.getFileName());
            NotebookResult result = runner.run(chapter, executed);
            assertEquals(RunStatus.PASSED, result.status(), () -> String.valueOf(result.failure()));
            assertEquals(result.codeCells(), result.executedCells());
            String json = Files.readString(executed);
            assertTrue(json.contains("\"image/png\""), chapter + " shows no figure");
            assertFalse(json.contains("\"output_type\": \"error\""), chapter + " has an error output");
            Nbformat.validate(executed);
        }));
    }
}
