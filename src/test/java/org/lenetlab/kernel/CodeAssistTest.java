package org.lenetlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TAB completion, Shift-TAB documentation and is_complete. */
class CodeAssistTest {
    private static KernelSession session;

    @BeforeAll
    static void start() {
        session = KernelSession.start().awaitReady();
        session.execute("String greeting = \"hi\";\nint twice(int x) { return 2 * x; }", new RecordingSink());
    }

    @AfterAll
    static void stop() {
        session.close();
    }

    @Test
    void completesMembersOfSessionVariables() {
        String code = "greeting.toUpp";
        KernelSession.Completion c = session.complete(code, code.length());
        assertTrue(c.matches().contains("toUpperCase("), c.matches().toString());
        assertEquals(code.indexOf("toUpp"), c.start());
        assertEquals(code.length(), c.end());
    }

    @Test
    void completesInTheSnippetUnderTheCursorOfAMultiSnippetCell() {
        String code = "int a = 1;\nSystem.out.println(a);\ntwi\nint b = 2;";
        int cursor = code.indexOf("twi") + 3;
        KernelSession.Completion c = session.complete(code, cursor);
        assertTrue(c.matches().contains("twice("), c.matches().toString());
        assertEquals(code.indexOf("twi"), c.start());
    }

    @Test
    void completesCourseClassesFromTheDefaultImports() {
        KernelSession.Completion c = session.complete("LeNet", 5);
        assertTrue(c.matches().contains("LeNet5"), c.matches().toString());
    }

    @Test
    void completesMagicNames() {
        KernelSession.Completion c = session.complete("%ma", 3);
        assertEquals(java.util.List.of("%maven", "%mavenRepo"), c.matches());
        assertEquals(0, c.start());
    }

    @Test
    void inspectShowsSignatures() {
        String doc = session.inspect("Math.max(1, 2)", 6);
        assertTrue(doc.contains("int Math.max(int a, int b)"), doc);
        String mine = session.inspect("twice(3)", 2);
        assertTrue(mine.contains("int twice(int x)"), mine);
        assertEquals("", session.inspect("   ", 1));
    }

    @Test
    void isCompleteTellsWhetherEnterRunsTheCell() {
        assertEquals(KernelSession.IsComplete.COMPLETE, session.isComplete("int x = 1;").status());
        assertEquals(KernelSession.IsComplete.COMPLETE, session.isComplete("x + 1").status());
        KernelSession.IsComplete open = session.isComplete("void f() {\n    if (true) {");
        assertEquals(KernelSession.IsComplete.INCOMPLETE, open.status());
        assertEquals("        ", open.indent());
        assertEquals(KernelSession.IsComplete.INCOMPLETE, session.isComplete("String s = \"\"\"\n  text").status());
        assertEquals(KernelSession.IsComplete.COMPLETE, session.isComplete("%jars lib/*.jar").status());
        assertEquals(KernelSession.IsComplete.INVALID, session.isComplete(".foo()").status());
        assertEquals(KernelSession.IsComplete.INVALID, session.isComplete("}").status());
    }
}
