package dev.provision.cli;

/** How {@code plan} shows the plan to people: as terminal text, or as Markdown for a pull request. */
enum PlanFormat {
    TEXT,
    MARKDOWN;

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
