package dev.library.operator.resource;

/** Whether the operator runs a store itself or the system uses one that exists. */
public enum StoreMode {
    Managed, External
}
