package dev.provision.plan;

/**
 * Something a plan found that provision did not create and the inventory does not declare: provision
 * never changes or removes it, and lists it so that nobody mistakes it for managed.
 *
 * @param kind what it is: role, database, schema, extension, setting, container
 */
public record UnmanagedResource(ResourceAddress address, String kind) {}
