package dev.provision.plan;

/** What a planned change does to a resource, with the symbol the plan prints for it. */
public enum Action {
    CREATE("+", "will be created"),
    UPDATE("~", "will be updated in-place"),
    REPLACE("-/+", "must be replaced"),
    DELETE("-", "will be destroyed"),
    /**
     * Not decided yet: the resource cannot be read until the changes before it are applied (its
     * container is stopped, say). Apply applies those, then reads and plans it.
     */
    READ("<=", "will be read and planned once the changes above are applied");

    private final String symbol;
    private final String verb;

    Action(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    public String symbol() {
        return symbol;
    }

    /** The phrase after the address in the plan, as in "containers.db will be created". */
    public String verb() {
        return verb;
    }
}
