package org.trapline.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.trapline.qtest.PortAccess;
import org.trapline.qtest.PortAnswer;
import org.trapline.qtest.QtestCommand;
import org.trapline.qtest.QtestReplies;
import org.trapline.qtest.QtestSyntaxException;

/**
 * Reads every trace form line by line, so that one file may mix them:
 * <ul>
 * <li>a qtest command script: one command per line;</li>
 * <li>a raw QEMU {@code -qtest-log}: {@code [R +t] command}, {@code [S +t] response} or
 *     {@code [S +t] IRQ raise N}, {@code [I +t] ...} (ignored), as QEMU writes it;</li>
 * <li>the native form: {@code @machine}, {@code @profile} and {@code @provenance} header lines,
 *     {@code #} comments, {@code COMMAND -> EXPECTED [& MASK] [; citation]} checks, and
 *     {@code IRQ raise|lower N} lines for the edges expected in the previous command's window.</li>
 * </ul>
 */
public final class TraceParser {
    /** A stamp's seconds (a log of more than 10^12 s is not one QEMU wrote). */
    private static final int MAX_SECONDS_DIGITS = 12;
    /**
     * The bytes of a stamp {@code [K +S.UUUUUU] } that are the same in every one with one digit of
     * seconds: {@code [}, {@code ' '}, {@code +}, {@code .}; and with two.
     */
    private static final long ONE_DIGIT_STAMP_MASK = 0x0000_ff00_ffff_00ffL;
    private static final long ONE_DIGIT_STAMP = '[' | ' ' << 16 | (long) '+' << 24 | (long) '.' << 40;
    private static final long TWO_DIGIT_STAMP_MASK = 0x00ff_0000_ffff_00ffL;
    private static final long TWO_DIGIT_STAMP = '[' | ' ' << 16 | (long) '+' << 24 | (long) '.' << 48;
    /** The most {@link #recordedLine} reads: the stamp (4 + 12 + 9 bytes) and the command or the answer. */
    private static final int RECORDED_LINE_REACH = 4 + MAX_SECONDS_DIGITS + 9 + QtestCommand.ByteReader.LINE_REACH;
    /** The most {@link #exchanges} reads past an exchange's start: two stamped lines and the next's opening. */
    private static final int EXCHANGE_REACH = 2 * RECORDED_LINE_REACH + 3;
    private final Path file;
    private final StepSink sink;
    private final Shortcuts shortcuts;
    private final List<String> provenance = new ArrayList<>();
    private String machineArgs;
    private String profile;
    private boolean intercepts;
    private boolean recordsResponses;
    private boolean begun;
    private boolean stopped;
    private int stepsSeen;

    // The step being built: its parts stay open until the next command arrives.
    private int pendingLine;
    /** The command, or null when none is pending or when it is a port command packed in {@link #pendingAccess}. */
    private QtestCommand pendingCommand;
    private long pendingAccess = PortAccess.NONE;
    private Expectation pendingExpect;
    /** The expected port answer ({@link PortAnswer}), when a raw log's answer line gave one. */
    private long pendingAnswer = PortAnswer.NONE;
    private String pendingCitation;
    private List<String> pendingIrqs = new ArrayList<>();
    /** The answer {@link #portAnswerLine} read last ({@link PortAnswer}). */
    private long lineAnswer;
    /** The command {@link #repeatedLine} found last. */
    private QtestCommand lineRepeat;

    /**
     * What a reader keeps from line to line: the commands and answers a log repeats endlessly,
     * parsed once. One reader of a file may lend them to the next.
     */
    static final class Shortcuts {
        private final RepeatedCommands repeated = new RepeatedCommands();
        private final QtestCommand.ByteReader portCommands = new QtestCommand.ByteReader();
    }

    /** Where whole steps go: a listener, or a chunk of a log read apart from the rest. */
    interface StepSink {
        void begin(TraceHeader header) throws TraceFormatException;

        /**
         * One whole step, with the two conditions for checking its edges as they stand: an
         * {@code irq_intercept_*} has been met, and the trace has recorded a response or an edge.
         * A canonical port command comes packed in {@code access} ({@link PortAccess}), with a null
         * {@code command}; any other comes as {@code command}, with {@code access} NONE. A raw log's
         * answer {@code OK} or {@code OK 0x%04x} comes as the number {@code answer} ({@link PortAnswer}),
         * with a null {@code expect}; any other expectation as {@code expect}, with {@code answer} NONE.
         * False to stop the reading.
         */
        boolean step(int line, QtestCommand command, long access, Expectation expect, long answer, String citation,
                     List<String> irqEvents, boolean intercepts, boolean recordsResponses) throws TraceFormatException;
    }

    private TraceParser(Path file, StepSink sink, Shortcuts shortcuts, boolean begun) {
        this.file = file;
        this.sink = sink;
        this.shortcuts = shortcuts;
        this.begun = begun;
    }

    private TraceParser(Path file, TraceListener listener) {
        this(file, sinkOf(listener), new Shortcuts(), false);
    }

    private static StepSink sinkOf(TraceListener listener) {
        return new StepSink() {
            @Override
            public void begin(TraceHeader header) throws TraceFormatException {
                listener.begin(header);
            }

            @Override
            public boolean step(int line, QtestCommand command, long access, Expectation expect, long answer,
                                String citation, List<String> irqEvents, boolean intercepts, boolean recordsResponses)
                    throws TraceFormatException {
                return listener.step(new Step(line, PortAccess.command(command, access), Expectation.of(expect, answer),
                        citation, irqEvents, intercepts && recordsResponses));
            }
        };
    }

    /** Reads a whole trace into memory. */
    public static Trace parse(Path file) throws TraceFormatException {
        Collector collector = new Collector();
        read(file, collector);
        return collector.trace();
    }

    public static Trace parse(Path file, BufferedReader reader) throws TraceFormatException, IOException {
        Collector collector = new Collector();
        read(file, reader, collector);
        return collector.trace();
    }

    /** Streams a trace to a listener, step by step, in constant memory. */
    public static void read(Path file, TraceListener listener) throws TraceFormatException {
        read(file, sinkOf(listener));
    }

    /** Streams a trace to a sink, step by step, in constant memory. */
    static void read(Path file, StepSink sink) throws TraceFormatException {
        try (Utf8Lines lines = new Utf8Lines(Files.newInputStream(file))) {
            TraceParser parser = new TraceParser(file, sink, new Shortcuts(), false);
            parser.readLines(lines, 0);
            parser.finish();
        } catch (NoSuchFileException e) {
            throw new TraceFormatException(file, 0, "no such file");
        } catch (CharacterCodingException e) {
            throw new TraceFormatException(file, 0, "not a UTF-8 text file");
        } catch (IOException e) {
            throw new TraceFormatException(file, 0, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * Reads the lines {@code bytes[from..to)} of a file as a part of it read apart from the rest:
     * the part must start at a command line, or at the file's start ({@code first}), and its first
     * line is line {@code lineBase + 1} of the file. A command before the part is taken for granted
     * (so a header line in it is an error); interceptions and recorded responses before it are
     * {@code part}'s to settle. The part learns how the reading ended. Returns the number of lines
     * read, all of them when no error ended the reading.
     */
    static int readPart(Path file, byte[] bytes, int from, int to, boolean first, int lineBase, PartSteps part,
                        Shortcuts shortcuts) {
        TraceParser parser = new TraceParser(file, part, shortcuts, !first);
        Utf8Lines lines = new Utf8Lines(bytes, from, to);
        TraceFormatException error = null;
        int read = 0;
        try {
            read = parser.readLines(lines, lineBase) - lineBase;
            parser.flush();
        } catch (TraceFormatException e) {
            error = e;
        } catch (CharacterCodingException e) {
            error = new TraceFormatException(file, 0, "not a UTF-8 text file");
        } catch (IOException e) {
            error = new TraceFormatException(file, 0, "cannot be read: " + e.getMessage());
        }
        part.ended(error, parser.intercepts, parser.recordsResponses);
        return read;
    }

    /** Reads lines, numbered on from {@code number}, until the end or a stop; the number of the last line read. */
    private int readLines(Utf8Lines lines, int number) throws TraceFormatException, IOException {
        while (!stopped) {
            int newline;
            int exchangeLines;
            if (lines.lookAhead(EXCHANGE_REACH + 1) > EXCHANGE_REACH && (exchangeLines = exchanges(number, lines)) > 0) {
                number += exchangeLines;
            } else if (lines.lookAhead(RECORDED_LINE_REACH) >= RECORDED_LINE_REACH
                    && (newline = recordedLine(number + 1, lines.buffer(), lines.ahead(), lines.limit())) >= 0) {
                lines.takeLineEndingAt(newline);
                number++;
            } else if (lines.next()) {
                line(++number, lines);
            } else {
                break;
            }
        }
        return number;
    }

    public static void read(Path file, BufferedReader reader, TraceListener listener)
            throws TraceFormatException, IOException {
        TraceParser parser = new TraceParser(file, listener);
        String line;
        int number = 0;
        while (!parser.stopped && (line = reader.readLine()) != null) {
            parser.line(++number, line);
        }
        parser.finish();
    }

    /** Keeps every step: the whole trace in memory. */
    private static final class Collector implements TraceListener {
        private TraceHeader header;
        private final List<Step> steps = new ArrayList<>();

        @Override
        public void begin(TraceHeader h) {
            header = h;
        }

        @Override
        public boolean step(Step step) {
            steps.add(step);
            return true;
        }

        Trace trace() {
            return new Trace(header, steps);
        }
    }

    /**
     * A line read as bytes: a raw -qtest-log line goes straight to its parts, since a recorded
     * trace holds millions of them; every other line is read as text.
     */
    private void line(int n, Utf8Lines line) throws TraceFormatException, CharacterCodingException {
        int length = line.length();
        if (length > 0 && opensStep(line.at(0), length > 1 ? line.at(1) : 0, length > 2 ? line.at(2) : 0)) {
            flush();
        }
        int first = 0;
        while (first < length && (line.at(first) == ' ' || line.at(first) == '\t')) {
            first++;
        }
        if (first == length || line.at(first) == '#') {
            return;
        }
        if (first == 0 && length > 3 && line.at(0) == '[' && line.at(2) == ' ') {
            int close = 3;
            while (close < length && line.at(close) != ']') {
                close++;
            }
            int from = close + 1;
            while (from < length && line.at(from) == ' ') {
                from++;
            }
            int to = length;
            while (to > from && (line.at(to - 1) == ' ' || line.at(to - 1) == '\t')) {
                to--;
            }
            if (close < length && "RSI".indexOf(line.at(1)) >= 0) {
                if (!fastLogLine(n, line.at(1), line.buffer(), line.offset() + from, line.offset() + to)) {
                    logLine(n, (char) line.at(1), line.text(from, to));
                }
                return;
            }
        }
        line(n, line.text(0, length));
    }

    /**
     * The two lines that make up nearly all of a recorded log, in the exact form QEMU writes them,
     * read in one pass over their bytes: {@code [R +S.UUUUUU] } and a canonical port command, or
     * {@code [S +S.UUUUUU] } and its answer {@code OK} or {@code OK 0x%04x}, each ended by a bare
     * {@code '\n'}; and any command line met before, word for word. The index of that
     * {@code '\n'}; -1 for any other line, which {@link #line} reads (to the same steps: this is
     * only a shortcut). Reads at most {@value #RECORDED_LINE_REACH} bytes from {@code p} and none
     * from {@code limit} on.
     */
    private int recordedLine(int n, byte[] b, int p, int limit) throws TraceFormatException {
        int body = afterTimestamp(b, p);
        if (body < 0) {
            return -1;
        }
        if (b[p + 1] == 'R') {
            int newline = shortcuts.portCommands.portCommandLine(b, body);
            if (newline >= 0) {
                pendingAccess(n, shortcuts.portCommands.lineAccess()); // a port command: no interception to note
                return newline;
            }
            newline = repeatedLine(b, body, limit);
            if (newline >= 0) {
                command(n, lineRepeat, null, null);
            }
            return newline;
        }
        if (b[p + 1] != 'S' || !isPending() || hasResponse()) {
            return -1;
        }
        int newline = portAnswerLine(b, body);
        if (newline >= 0) {
            pendingAnswer = lineAnswer;
            recordsResponses = true;
        }
        return newline;
    }

    /**
     * A command line parsed before at {@code body}, ended by a {@code '\n'} before {@code limit}:
     * the index of that {@code '\n'}, with the command left in {@link #lineRepeat}; -1 for any other
     * line. The lines kept never end in a blank or {@code '\r'}, as this one then must not.
     */
    private int repeatedLine(byte[] b, int body, int limit) {
        int newline = AsciiWords.indexOf(b, body, Math.min(limit, body + RepeatedCommands.MAX_LENGTH + 1), (byte) '\n');
        lineRepeat = newline < 0 ? null : shortcuts.repeated.find(b, body, newline);
        return lineRepeat == null ? -1 : newline;
    }

    /**
     * A port command's answer {@code OK} or {@code OK 0x%04x} (wider: as many digits as it needs)
     * at {@code body}, ended by a bare {@code '\n'}: the index of that {@code '\n'}, with the
     * answer left in {@link #lineAnswer}; -1 for anything else. Reads at most 14 bytes.
     */
    private int portAnswerLine(byte[] b, int body) {
        long opening = AsciiWords.at(b, body);
        if ((opening & 0xff_ffffL) == ('O' | 'K' << 8 | '\n' << 16)) {
            lineAnswer = PortAnswer.OK;
            return body + 2;
        }
        if ((opening & 0xff_ffff_ffffL) != ('O' | 'K' << 8 | ' ' << 16 | (long) '0' << 24 | (long) 'x' << 32)) {
            return -1;
        }
        long fourDigits = AsciiWords.fourHexDigitsAndNewline(AsciiWords.at(b, body + 5));
        if (fourDigits >= 0) {
            lineAnswer = fourDigits;
            return body + 9;
        }
        // A wider value (an inl's above 0xFFFF): five to eight digits.
        long value = QtestReplies.portValueAt(b, body + 3);
        if (value < 0) {
            return -1;
        }
        int newline = body + 5 + QtestReplies.digits(value);
        if (b[newline] != '\n') {
            return -1;
        }
        lineAnswer = QtestReplies.value(value);
        return newline;
    }

    /**
     * A run of exchanges in the form QEMU logs nearly every command of a long log: a canonical port
     * command's {@code [R]} line or one of a command met before, its answer's {@code [S]} line
     * ({@link #portAnswerLine}), and no edge after it, the next line being the next command's
     * {@code [R]}. Each becomes a step at once, without the line-by-line reading's pending step
     * (the same steps: a shortcut only). The run ends at the first line of another form; a command
     * and an answer read before it are left as the pending step, for the edges or the answer that
     * follow, so that no line is read twice. Returns the number of lines read; 0 when the first
     * line is neither a port command nor a command met before.
     * Reads no byte within {@value #EXCHANGE_REACH} of {@code lines.limit()} for a port command, and
     * none past it for another.
     */
    private int exchanges(int number, Utf8Lines lines) throws TraceFormatException {
        byte[] b = lines.buffer();
        int p = lines.ahead();
        int end = lines.limit() - EXCHANGE_REACH;
        int read = 0;
        int lastNewline = -1;
        while (p < end && b[p + 1] == 'R' && !stopped) {
            int body = afterTimestamp(b, p);
            if (body < 0) {
                break;
            }
            int commandEnd = shortcuts.portCommands.portCommandLine(b, body);
            long access = shortcuts.portCommands.lineAccess();
            QtestCommand repeat = null;
            if (commandEnd < 0) {
                // A command line met before (set_irq_in ...), with room after it for the answer.
                commandEnd = repeatedLine(b, body, lines.limit() - RECORDED_LINE_REACH - 3);
                if (commandEnd < 0) {
                    break;
                }
                repeat = lineRepeat;
                access = PortAccess.NONE;
            }
            int answer = commandEnd + 1;
            int answerBody = b[answer + 1] == 'S' ? afterTimestamp(b, answer) : -1;
            int answerEnd = answerBody < 0 ? -1 : portAnswerLine(b, answerBody);
            int next = answerEnd + 1;
            if (answerEnd < 0 || b[next] != '[' || b[next + 1] != 'R' || b[next + 2] != ' ') {
                if (repeat != null) {
                    command(number + read + 1, repeat, null, null);
                } else {
                    pendingAccess(number + read + 1, access);
                }
                read++;
                lastNewline = commandEnd;
                if (answerEnd >= 0) {
                    pendingAnswer = lineAnswer;
                    recordsResponses = true;
                    read++;
                    lastNewline = answerEnd;
                }
                break;
            }
            if (read == 0) {
                flush();
                begin();
                recordsResponses = true;
            }
            if (repeat instanceof QtestCommand.IrqIntercept) {
                intercepts = true;
            }
            stepsSeen++;
            stopped = !sink.step(number + read + 1, repeat, access, null, lineAnswer, null, List.of(), intercepts, true);
            read += 2;
            lastNewline = answerEnd;
            p = next;
        }
        if (read > 0) {
            lines.takeLineEndingAt(lastNewline);
        }
        return read;
    }

    /**
     * Where the text starts after a log line's stamp {@code [K +S.UUUUUU] } at {@code p}, as QEMU
     * prints it (seconds, a point and six digits of microseconds); -1 when the stamp has another form.
     */
    private static int afterTimestamp(byte[] b, int p) {
        // One or two digits of seconds (a log of under 100 s): the stamp's fixed bytes in one word.
        long opening = AsciiWords.at(b, p);
        if ((opening & ONE_DIGIT_STAMP_MASK) == ONE_DIGIT_STAMP && AsciiWords.isDigit((byte) (opening >>> 32))
                && AsciiWords.isMicrosecondsAndBracket(AsciiWords.at(b, p + 6))) {
            return p + 14;
        }
        if ((opening & TWO_DIGIT_STAMP_MASK) == TWO_DIGIT_STAMP && AsciiWords.isDigit((byte) (opening >>> 32))
                && AsciiWords.isDigit((byte) (opening >>> 40)) && AsciiWords.isMicrosecondsAndBracket(AsciiWords.at(b, p + 7))) {
            return p + 15;
        }
        if (b[p] != '[' || b[p + 2] != ' ' || b[p + 3] != '+') {
            return -1;
        }
        int point = p + 4;
        while (point < p + 4 + MAX_SECONDS_DIGITS && AsciiWords.isDigit(b[point])) {
            point++;
        }
        return point > p + 4 && b[point] == '.' && AsciiWords.isMicrosecondsAndBracket(AsciiWords.at(b, point + 1))
                ? point + 9 : -1;
    }

    /**
     * The two lines that make up nearly all of a recorded log, read without making text of them:
     * a canonical port command, and its answer {@code OK} or {@code OK 0x%04x}. False for anything
     * else, which the general path reads.
     */
    private boolean fastLogLine(int n, int kind, byte[] b, int from, int to) throws TraceFormatException {
        if (kind == 'R') {
            QtestCommand command = shortcuts.portCommands.portCommand(b, from, to);
            if (command == null) {
                command = repeatedCommand(b, from, to);
            }
            if (command == null) {
                return false;
            }
            command(n, command, null, null);
            return true;
        }
        if (kind != 'S' || to - from < 2 || b[from] != 'O' || b[from + 1] != 'K' || !isPending()
                || hasResponse()) {
            return false;
        }
        if (to - from == 2) {
            pendingAnswer = PortAnswer.OK;
        } else {
            long value = QtestReplies.portValueOf(b, from, to);
            if (value < 0) {
                return false;
            }
            pendingAnswer = value;
        }
        recordsResponses = true;
        return true;
    }

    /** A command line parsed before, or parsed now and kept; null when it is not UTF-8 text or not a command. */
    private QtestCommand repeatedCommand(byte[] b, int from, int to) {
        QtestCommand command = shortcuts.repeated.find(b, from, to);
        if (command != null || to - from > RepeatedCommands.MAX_LENGTH) {
            return command;
        }
        for (int i = from; i < to; i++) {
            if (b[i] < 0) {
                return null;
            }
        }
        try {
            command = QtestCommand.parse(new String(b, from, to - from, StandardCharsets.ISO_8859_1));
        } catch (QtestSyntaxException e) {
            return null; // the general path reports it, with its line
        }
        shortcuts.repeated.keep(b, from, to, command);
        return command;
    }

    private void line(int n, String raw) throws TraceFormatException {
        if (!raw.isEmpty() && opensStep(raw.charAt(0), raw.length() > 1 ? raw.charAt(1) : 0, raw.length() > 2 ? raw.charAt(2) : 0)) {
            flush();
        }
        String line = raw.strip();
        if (line.isEmpty() || line.charAt(0) == '#') {
            return;
        }
        char first = line.charAt(0);
        if (first == '@') {
            header(n, line);
        } else if (first == '[') {
            logLine(n, line);
        } else if (line.startsWith("IRQ ")) {
            irq(n, line);
        } else {
            nativeLine(n, line);
        }
    }

    private void header(int n, String line) throws TraceFormatException {
        if (begun) {
            throw error(n, "header line after the first command; put @ lines at the top");
        }
        int space = line.indexOf(' ');
        String key = space < 0 ? line.substring(1) : line.substring(1, space);
        String value = space < 0 ? "" : line.substring(space + 1).strip();
        if (value.isEmpty()) {
            throw error(n, "@" + key + " needs a value");
        }
        switch (key) {
            case "machine" -> machineArgs = value;
            case "profile" -> profile = value;
            case "provenance" -> provenance.add(value);
            default -> throw error(n, "unknown header @" + key + " (known: @machine, @profile, @provenance)");
        }
    }

    /** A raw -qtest-log line: {@code [R +0.039671] outb 0x20 0x11}. */
    private void logLine(int n, String line) throws TraceFormatException {
        int close = line.indexOf(']');
        if (close < 3 || line.charAt(2) != ' ' || "RSI".indexOf(line.charAt(1)) < 0) {
            throw error(n, "not a -qtest-log line: expected [R +t], [S +t] or [I +t] at the start");
        }
        logLine(n, line.charAt(1), close + 1 < line.length() ? line.substring(close + 1).strip() : "");
    }

    /** The part of a raw log line after its {@code [K +t]} stamp, for kind K. */
    private void logLine(int n, char kind, String body) throws TraceFormatException {
        switch (kind) {
            case 'R' -> command(n, body, null, null);
            case 'S' -> {
                if (body.startsWith("IRQ ")) {
                    irq(n, body);
                } else {
                    response(n, body);
                }
            }
            default -> { } // [I] OPENED / CLOSED: the connection, not the device
        }
    }

    private void response(int n, String body) throws TraceFormatException {
        if (!isPending()) {
            throw error(n, "a response with no command before it");
        }
        if (hasResponse()) {
            throw error(n, "a second response to the command of line " + pendingLine);
        }
        if (body.isEmpty()) {
            throw error(n, "an empty response");
        }
        pendingExpect = new Expectation.Exact(body);
        recordsResponses = true;
    }

    private void irq(int n, String line) throws TraceFormatException {
        String[] w = line.split(" ");
        if (w.length != 3 || !(w[1].equals("raise") || w[1].equals("lower")) || !w[2].matches("[0-9]+")) {
            throw error(n, "expected 'IRQ raise N' or 'IRQ lower N'");
        }
        if (!isPending()) {
            throw error(n, "an interrupt edge with no command before it");
        }
        pendingIrqs.add("IRQ " + w[1] + " " + Integer.parseInt(w[2]));
        recordsResponses = true;
    }

    /** {@code COMMAND [-> EXPECTED [& MASK]] [; citation]}. */
    private void nativeLine(int n, String line) throws TraceFormatException {
        String citation = null;
        int semicolon = line.indexOf(';');
        if (semicolon >= 0) {
            citation = line.substring(semicolon + 1).strip();
            line = line.substring(0, semicolon).strip();
        }
        Expectation expect = null;
        int arrow = line.indexOf("->");
        if (arrow >= 0) {
            expect = expectation(n, line.substring(arrow + 2).strip());
            line = line.substring(0, arrow).strip();
        } else if (citation != null && !citation.isEmpty()) {
            throw error(n, "a citation with no check: write 'COMMAND -> EXPECTED ; citation'");
        }
        command(n, line, expect, citation == null || citation.isEmpty() ? null : citation);
    }

    private Expectation expectation(int n, String text) throws TraceFormatException {
        if (text.isEmpty()) {
            throw error(n, "nothing after '->'");
        }
        recordsResponses = true;
        if (text.equals("FAIL")) {
            return new Expectation.AnyFailure();
        }
        if (text.startsWith("OK") || text.startsWith("FAIL ")) {
            return new Expectation.Exact(text);
        }
        int amp = text.indexOf('&');
        String value = (amp < 0 ? text : text.substring(0, amp)).strip();
        String mask = amp < 0 ? null : text.substring(amp + 1).strip();
        try {
            return new Expectation.Value(QtestCommand.number(value, "expected value"),
                    mask == null ? Expectation.Value.ALL_BITS : QtestCommand.number(mask, "mask"));
        } catch (QtestSyntaxException e) {
            throw error(n, e.getMessage() + " (expected a number, 'OK ...' or 'FAIL')");
        }
    }

    private void command(int n, String text, Expectation expect, String citation) throws TraceFormatException {
        if (text.isEmpty()) {
            throw error(n, "a check with no command");
        }
        QtestCommand command;
        try {
            command = QtestCommand.parse(text);
        } catch (QtestSyntaxException e) {
            flush(); // the command before is whole: its listener sees it before the error
            throw error(n, e.getMessage());
        }
        command(n, command, expect, citation);
    }

    private void command(int n, QtestCommand command, Expectation expect, String citation) throws TraceFormatException {
        flush(); // the step before does not check edges on account of this command
        if (command instanceof QtestCommand.IrqIntercept) {
            intercepts = true;
        }
        pending(n, command, expect, citation);
    }

    /**
     * Whether a line starting with these three characters opens a new step: a raw log's command
     * ({@code [R }) or a native command (a lowercase letter). Such a line closes the step before
     * it even when it turns out malformed, so that the step is delivered before the error; and a
     * file can be cut into parts at such lines, each read apart ({@link PartsReading}).
     */
    static boolean opensStep(int first, int second, int third) {
        return (first >= 'a' && first <= 'z') || (first == '[' && second == 'R' && third == ' ');
    }

    /** Makes {@code command} the step being built, the one before it whole. */
    private void pending(int n, QtestCommand command, Expectation expect, String citation) throws TraceFormatException {
        pendingAccess(n, PortAccess.NONE);
        pendingCommand = command;
        pendingExpect = expect;
        pendingCitation = citation;
    }

    /** Makes the port command packed in {@code access} the step being built, with nothing expected yet. */
    private void pendingAccess(int n, long access) throws TraceFormatException {
        flush();
        begin();
        pendingLine = n;
        pendingAccess = access;
        pendingExpect = null;
        pendingAnswer = PortAnswer.NONE;
        pendingCitation = null;
    }

    /** Hands the header on, at the first command. */
    private void begin() throws TraceFormatException {
        if (!begun) {
            begun = true;
            sink.begin(new TraceHeader(file, Optional.ofNullable(machineArgs), Optional.ofNullable(profile), provenance));
        }
    }

    private boolean isPending() {
        return pendingCommand != null || pendingAccess != PortAccess.NONE;
    }

    /** Whether the step being built has its expected response already. */
    private boolean hasResponse() {
        return pendingExpect != null || pendingAnswer != PortAnswer.NONE;
    }

    private void flush() throws TraceFormatException {
        if (isPending()) {
            List<String> irqs = pendingIrqs.isEmpty() ? List.of() : pendingIrqs;
            if (!pendingIrqs.isEmpty()) {
                pendingIrqs = new ArrayList<>();
            }
            QtestCommand command = pendingCommand;
            long access = pendingAccess;
            pendingCommand = null;
            pendingAccess = PortAccess.NONE;
            stepsSeen++;
            stopped = !sink.step(pendingLine, command, access, pendingExpect, pendingAnswer, pendingCitation, irqs,
                    intercepts, recordsResponses);
        }
    }

    private void finish() throws TraceFormatException {
        if (!stopped) {
            flush();
        }
        if (stepsSeen == 0) {
            throw error(0, "no commands");
        }
    }

    private TraceFormatException error(int line, String reason) {
        return new TraceFormatException(file, line, reason);
    }
}
