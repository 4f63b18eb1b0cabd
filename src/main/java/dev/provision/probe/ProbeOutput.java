package dev.provision.probe;

import java.util.ArrayList;
import java.util.List;

/**
 * The one framing every probe prints, and its one parser. A probe prints records, one a line: a key
 * (no spaces), then a space and its value (the rest of the line; may be empty). A record whose key ends
 * in {@code -begin} opens a block: the lines up to the matching {@code KEY-end} line are kept verbatim
 * (a file, a configuration), and the record's key is the part before {@code -begin}. A line that starts
 * with {@code @@} ends the records: what follows is the further reads of a psql session
 * ({@link dev.provision.postgres.PsqlReads}), which are not records. A block that is not closed ends
 * there or at the end of the output.
 */
public final class ProbeOutput {
    private static final String BEGIN = "-begin";
    private static final String END = "-end";
    private static final String READS = "@@";

    /** One record: its key, its value, and for a block its verbatim lines (else empty). */
    public record Entry(String key, String value, List<String> block) {
        public Entry {
            block = List.copyOf(block);
        }

        /**
         * The value split at single spaces into at most {@code limit} fields (the last one keeps any
         * further spaces); an empty value has no fields.
         */
        public List<String> fields(int limit) {
            return value.isEmpty() ? List.of() : List.of(value.split(" ", limit));
        }

        /** Field {@code index} of {@link #fields(int) fields(limit)}, or {@code fallback} when the value has fewer. */
        public String field(int index, int limit, String fallback) {
            List<String> fields = fields(limit);
            return index < fields.size() ? fields.get(index) : fallback;
        }

        /** The block's lines joined, each ended by a newline. */
        public String text() {
            StringBuilder text = new StringBuilder();
            block.forEach(line -> text.append(line).append('\n'));
            return text.toString();
        }
    }

    private ProbeOutput() {}

    /** The records of {@code output}, in order. Pure. */
    public static List<Entry> parse(String output) {
        List<Entry> entries = new ArrayList<>();
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith(READS)) {
                break;
            }
            if (line.isEmpty()) {
                continue;
            }
            int space = line.indexOf(' ');
            String key = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : line.substring(space + 1).strip();
            if (key.endsWith(BEGIN)) {
                String name = key.substring(0, key.length() - BEGIN.length());
                List<String> block = new ArrayList<>();
                while (i + 1 < lines.length && !lines[i + 1].equals(name + END) && !lines[i + 1].startsWith(READS)) {
                    block.add(lines[++i]);
                }
                if (i + 1 < lines.length && lines[i + 1].equals(name + END)) {
                    i++;
                }
                entries.add(new Entry(name, value, block));
            } else {
                entries.add(new Entry(key, value, List.of()));
            }
        }
        return entries;
    }
}
