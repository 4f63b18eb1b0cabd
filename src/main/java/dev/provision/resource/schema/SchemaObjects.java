package dev.provision.resource.schema;

import dev.provision.inventory.Database;
import dev.provision.postgres.PostgresSessions;
import dev.provision.postgres.Read;
import dev.provision.resource.SchemaObjectPlanner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Plugs the SQL files' schema objects into the database driver, between a database's schemas and
 * its grants, and tells it which objects the change creates so their grants are planned at once.
 */
public final class SchemaObjects implements SchemaObjectPlanner {
    private final SchemaDriver driver;
    private final Path baseDir;

    /** @param baseDir the inventory's directory, which the SQL file paths are relative to */
    public SchemaObjects(Path baseDir) {
        this(baseDir, note -> {});
    }

    /** @param notes told what the user should know of, such as a killed run's scratch database dropped */
    public SchemaObjects(Path baseDir, java.util.function.Consumer<String> notes) {
        this.baseDir = baseDir;
        this.driver = new SchemaDriver(new CodekeeperDiffer(), SchemaDriver.LARGE_TABLE_ROWS, notes);
    }

    @Override
    public List<Read> reads(Database db) {
        return db.sql().isEmpty() && db.migrations().isEmpty() ? List.of() : ObjectsPlanner.reads(db);
    }

    @Override
    public Result plan(String host, String container, Database db, PostgresSessions sessions) {
        if (db.sql().isEmpty() && db.migrations().isEmpty()) {
            return new Result(List.of(), List.of());
        }
        return driver.plan(baseDir, host, container, db, sessions)
                .map(change -> {
                    List<NewObject> created = new ArrayList<>();
                    for (CreatedObjects.CreatedObject object : CreatedObjects.in(change)) {
                        created.add(new NewObject(NewObject.Kind.valueOf(object.kind().name()), object.schema(),
                                object.name(), object.args()));
                    }
                    return new Result(List.of(change), created);
                })
                .orElseGet(() -> new Result(List.of(), List.of()));
    }
}
