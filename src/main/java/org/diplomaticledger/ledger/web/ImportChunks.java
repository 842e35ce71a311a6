package org.diplomaticledger.ledger.web;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.diplomaticledger.ledger.NdjsonCommands;
import org.diplomaticledger.shared.LedgerCommand;

/**
 * Pass 2's commands, read again from the spool a chunk at a time (all were valid in pass 1), parsed on a thread
 * of its own one chunk ahead of the writer, so that parsing overlaps appending. At most two chunks wait.
 */
final class ImportChunks implements Iterator<NdjsonCommands.Parsed>, AutoCloseable {
    private final BlockingQueue<Object> ready = new ArrayBlockingQueue<>(2);
    private volatile boolean closed;
    private Object next;

    ImportChunks(InputStream in, NdjsonCommands ndjson, int maxLineBytes, int chunk) {
        Thread reader = new Thread(
                () -> {
                    try {
                        List<LedgerCommand> commands = new ArrayList<>(chunk);
                        List<Integer> lines = new ArrayList<>(chunk);
                        ndjson.scan(in, maxLineBytes, 0, (line, command) -> {
                            commands.add(command);
                            lines.add(line);
                            if (commands.size() == chunk) {
                                put(new NdjsonCommands.Parsed(List.copyOf(commands), List.copyOf(lines)));
                                commands.clear();
                                lines.clear();
                            }
                        });
                        if (!commands.isEmpty()) {
                            put(new NdjsonCommands.Parsed(List.copyOf(commands), List.copyOf(lines)));
                        }
                        put(Boolean.TRUE); // the end
                    } catch (Closed stop) {
                        // the writer stopped taking chunks (the import failed)
                    } catch (Throwable failure) {
                        try {
                            put(failure);
                        } catch (Closed stop) {
                            // nobody reads it any more
                        }
                    }
                },
                "ledger-imports-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void put(Object item) {
        try {
            while (!ready.offer(item, 200, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new Closed();
                }
            }
        } catch (InterruptedException e) {
            throw new Closed();
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the import", e);
            }
        }
        if (next instanceof Throwable failure) {
            throw new IllegalStateException("reading the import again failed", failure);
        }
        return next instanceof NdjsonCommands.Parsed;
    }

    @Override
    public NdjsonCommands.Parsed next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        NdjsonCommands.Parsed parsed = (NdjsonCommands.Parsed) next;
        next = null;
        return parsed;
    }

    @Override
    public void close() {
        closed = true;
        ready.clear();
    }

    /** Stops the reader of a closed {@link ImportChunks}. */
    private static final class Closed extends RuntimeException {
        Closed() {
            super(null, null, false, false);
        }
    }
}
