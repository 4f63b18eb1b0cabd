package dev.provision.resource.pgserver;

import java.util.List;

/** The rules of a pg_hba.conf as comparable lines: comments and blank lines dropped, whitespace collapsed. */
final class HbaLines {
    private HbaLines() {}

    static List<String> rules(String file) {
        return file.lines().map(l -> l.replaceFirst("#.*$", "").strip().replaceAll("\\s+", " ")).filter(l -> !l.isEmpty()).toList();
    }
}
