package dev.provision.apply;

/** The record of one apply operation that outlives it (the JSON document's): its changes and its outcome. */
public interface ApplyReport extends ApplyListener {

    /** Apply failed with {@code message}, which says what failed and how to recover. */
    void failed(String message);

    /** Apply ran every change and a fresh read found nothing left to do. */
    void verified();
}
