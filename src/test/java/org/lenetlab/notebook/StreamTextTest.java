package org.lenetlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamTextTest {

    @Test
    void carriageReturnsOverwriteTheLineAsJupyterLabShowsIt() {
        assertEquals("done\n", StreamText.collapse("10%\r50%\rdone\n"));
        assertEquals("abc\ndef\n", StreamText.collapse("abc\r\ndef\r\n"), "Windows line ends");
        assertEquals("xyc", StreamText.collapse("abc\rxy"), "a shorter text leaves the rest, as a terminal does");
        assertEquals("one\ntwo\n", StreamText.collapse("one\nzzz\rtwo\n"));
        assertEquals("abc\r", StreamText.collapse("abc\r"), "a final return waits for the next chunk");
        assertEquals("\r", StreamText.collapse("\r"));
        assertEquals("b\r", StreamText.collapse("\ra\rb\r"));
    }

    @Test
    void appendingContinuesTheLastLineOnly() {
        String text = "";
        for (int percent = 0; percent <= 100; percent += 10) {
            text = StreamText.append(text, "\rprogress " + percent + "%");
        }
        text = StreamText.append(text, "\n");
        assertEquals("progress 100%\n", text);
        assertEquals("kept\r\nnew", StreamText.append("kept\r\n", "new"), "finished lines are not touched again");
        assertEquals("xyz\n", StreamText.append("abc\r", "xyz\n"));
    }
}
