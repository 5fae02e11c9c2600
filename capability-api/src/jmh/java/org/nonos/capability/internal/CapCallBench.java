// SPDX-License-Identifier: Apache-2.0
package org.nonos.capability.internal;

import java.util.concurrent.TimeUnit;
import org.nonos.capability.Capability;
import org.nonos.capability.Endpoint;
import org.nonos.capability.Rights;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An authorised endpoint call (kernel authorisation + dispatch to the serving object) beside
 * a plain Java interface call on the same object, in the same run; derive+revoke of a
 * capability with 10 descendants; and both calls from 8 threads at once.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class CapCallBench {

    /** The service both calls reach. */
    public interface Service {
        int answer();
    }

    static final class Answer implements Service {
        private int value = 42;

        @Override
        public int answer() {
            return value;
        }
    }

    private DomainImpl server;
    private DomainImpl client;
    private Capability original;
    private Capability parent;
    private Endpoint<Service> endpoint;
    private Service direct;
    private Capability calling;
    private Capability perThreadSource;
    private NkLib lib;
    private int clientId;
    private long clientHandle;

    @Setup(Level.Trial)
    public void setUp() {
        DomainImpl root = DomainImpl.root();
        server = root.createDomain("bench-server");
        client = root.createDomain("bench-client");
        original = root.createEndpoint();
        Capability serving = server.capability(original.transfer(server.id()));
        direct = new Answer();
        server.serve(serving, Service.class, direct);
        Rights callAndPass = Rights.of(Rights.Right.CALL, Rights.Right.TRANSFER);
        Capability grant = serving.derive(callAndPass, callAndPass);
        calling = client.capability(grant.transfer(client.id()));
        endpoint = calling.endpoint(Service.class);
        lib = Kernel.get().lib();
        clientId = client.id().value();
        clientHandle = calling.handle();
        parent = client.capability(serving.transfer(client.id()));
        perThreadSource = client.capability(serving.transfer(client.id()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        original.close();
        DomainImpl.root().destroy(server.id());
        DomainImpl.root().destroy(client.id());
    }

    @Benchmark
    public int capCall() {
        return endpoint.call(Service::answer);
    }

    /** The kernel's authorisation alone (nk_call through jnr-ffi), without dispatch. */
    @Benchmark
    public long authoriseOnly() {
        return lib.nk_call(clientId, clientHandle);
    }

    @Benchmark
    public int javaCall() {
        return direct.answer();
    }

    @Benchmark
    @Threads(8)
    public int capCall8Threads() {
        return endpoint.call(Service::answer);
    }

    /** Each calling thread's own capability on the endpoint. */
    @State(Scope.Thread)
    public static class OwnCapability {
        Endpoint<Service> endpoint;

        @Setup(Level.Trial)
        public void setUp(CapCallBench bench) {
            endpoint = bench.perThreadSource.derive(Rights.of(Rights.Right.CALL), Rights.NONE).endpoint(Service.class);
        }
    }

    /** As capCall8Threads, but no two threads share a capability (nor its call counter). */
    @Benchmark
    @Threads(8)
    public int capCall8ThreadsOwnCap(OwnCapability own) {
        return own.endpoint.call(Service::answer);
    }

    @Benchmark
    @Threads(8)
    public int javaCall8Threads() {
        return direct.answer();
    }

    /** Ten descendants of one capability (a chain of 5 and 5 siblings), then revoke it. */
    @Benchmark
    public void deriveRevoke10() {
        Capability c = parent;
        for (int i = 0; i < 5; i++) {
            c = c.derive(Rights.ALL, Rights.ALL);
        }
        for (int i = 0; i < 5; i++) {
            parent.derive(Rights.ALL, Rights.ALL);
        }
        parent.revoke();
    }
}
