package org.lenetlab.notebook;

/**
 * Joins the chunks a cell writes to one stream the way JupyterLab shows and saves them: a carriage return moves
 * back to the start of the line and the text after it overwrites what was there, so a progress bar redrawn a
 * thousand times leaves its last state in the notebook, not a thousand copies.
 */
final class StreamText {
    private StreamText() {
    }

    /**
     * @param existing text so far, already collapsed
     * @param chunk    newly written text
     * @return the combined text with carriage returns applied
     */
    static String append(String existing, String chunk) {
        int lastLineStart = existing.lastIndexOf('\n') + 1;
        return existing.substring(0, lastLineStart) + collapse(existing.substring(lastLineStart) + chunk);
    }

    /**
     * @param text any text
     * @return the text with {@code \r\n} as {@code \n} and every {@code \r} overwriting the start of its line; a
     *         final {@code \r} is kept, because the next chunk overwrites from there
     */
    static String collapse(String text) {
        if (text.indexOf('\r') < 0) {
            return text;
        }
        String unixNewlines = text.replaceAll("\r+\n", "\n");
        StringBuilder result = new StringBuilder(unixNewlines.length());
        int start = 0;
        while (start <= unixNewlines.length()) {
            int newline = unixNewlines.indexOf('\n', start);
            int end = newline < 0 ? unixNewlines.length() : newline;
            result.append(overwrite(unixNewlines.substring(start, end)));
            if (newline < 0) {
                break;
            }
            result.append('\n');
            start = newline + 1;
        }
        return result.toString();
    }

    /** One line without {@code \n}: each piece after a {@code \r} overwrites the beginning of the line. */
    private static String overwrite(String line) {
        if (line.indexOf('\r') < 0) {
            return line;
        }
        boolean pendingReturn = line.endsWith("\r");
        String[] pieces = line.split("\r+");
        String current = pieces.length == 0 ? "" : pieces[0];
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i];
            current = piece + current.substring(Math.min(piece.length(), current.length()));
        }
        return pendingReturn ? current + "\r" : current;
    }
}
