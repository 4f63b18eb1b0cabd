package dev.provision.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Ipv4CidrTest {

    @Test
    void knowsItsSubnetsNetworkAndBroadcastAddresses() {
        Ipv4Cidr cidr = Ipv4Cidr.parse("10.0.3.50/24").orElseThrow();

        assertThat(Ipv4Cidr.format(cidr.network())).as("the first address names the network").isEqualTo("10.0.3.0");
        assertThat(Ipv4Cidr.format(cidr.broadcast())).as("the last address is the broadcast").isEqualTo("10.0.3.255");
        assertThat(cidr.subnet()).isEqualTo("10.0.3.0/24");
        assertThat(cidr.contains(Ipv4Cidr.parseAddress("10.0.3.1").orElseThrow())).as("the gateway is on the subnet").isTrue();
        assertThat(cidr.contains(Ipv4Cidr.parseAddress("10.0.4.1").orElseThrow())).as("the next /24 is not").isFalse();
        assertThat(cidr.sameSubnet(Ipv4Cidr.DEFAULT_BRIDGE_ADDRESS)).as("lxcbr0's default subnet").isTrue();
    }

    @Test
    void refusesWhatIsNotAnAddressWithPrefix() {
        assertThat(Ipv4Cidr.parse("10.0.3.300/24")).as("an octet above 255").isEmpty();
        assertThat(Ipv4Cidr.parse("10.0.3.5")).as("no prefix length").isEmpty();
        assertThat(Ipv4Cidr.parse("10.0.3.5/33")).as("a prefix beyond 32").isEmpty();
        assertThat(Ipv4Cidr.parse("dhcp")).isEmpty();
    }

    @Test
    void aSlash31HasNoNetworkOrBroadcastToAvoid() {
        assertThat(Ipv4Cidr.parse("10.0.3.0/31").orElseThrow().hasNetworkAndBroadcast())
                .as("point-to-point subnets use both addresses (RFC 3021)").isFalse();
    }
}
