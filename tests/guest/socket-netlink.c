/* Netlink route, read side: getifaddrs and if_nameindex (both built on RTM_GETLINK and
 * RTM_GETADDR dumps in glibc and musl) show the host's interfaces; a raw RTM_GETLINK dump;
 * SIOCGIFINDEX/SIOCGIFFLAGS/SIOCGIFCONF ioctls on a socket; other netlink protocols. */
#include "socket-common.h"
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>

/* The netlink ABI, spelled out here because musl ships no <linux/netlink.h>. */
#define NETLINK_ROUTE 0
#define NETLINK_GENERIC 16
#define NLM_F_REQUEST 1
#define NLM_F_DUMP 0x300
#define NLMSG_DONE 3
#define RTM_NEWLINK 16
#define RTM_GETLINK 18
struct nl_address {
    unsigned short nl_family, nl_pad;
    unsigned nl_pid, nl_groups;
};
struct nl_header {
    unsigned nlmsg_len;
    unsigned short nlmsg_type, nlmsg_flags;
    unsigned nlmsg_seq, nlmsg_pid;
};
struct nl_ifinfo {
    unsigned char ifi_family, pad;
    unsigned short ifi_type;
    int ifi_index;
    unsigned ifi_flags, ifi_change;
};

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    struct ifaddrs *list;
    SEXPECT("getifaddrs", getifaddrs(&list), 0);
    char *lines[256];
    int n = 0;
    int lo_v6 = 0;
    for (struct ifaddrs *i = list; i && n < 256; i = i->ifa_next) {
        int fam = i->ifa_addr ? i->ifa_addr->sa_family : -1;
        char line[128];
        snprintf(line, sizeof line, "%s family %d flags %#x", i->ifa_name, fam, i->ifa_flags);
        lines[n++] = strdup(line);
        if (strcmp(i->ifa_name, "lo") == 0 && fam == AF_INET6)
            lo_v6 = 1;
    }
    freeifaddrs(list);
    qsort(lines, n, sizeof lines[0], by_name);
    for (int i = 0; i < n; i++)
        printf("ifaddr: %s\n", lines[i]);
    expect("lo has an IPv6 address", lo_v6);

    struct if_nameindex *names = if_nameindex();
    int lo_index = 0;
    for (struct if_nameindex *p = names; p && p->if_index; p++)
        if (strcmp(p->if_name, "lo") == 0)
            lo_index = p->if_index;
    if_freenameindex(names);
    printf("if_nameindex lo: %d\n", lo_index);
    printf("if_nametoindex lo: %u\n", if_nametoindex("lo"));

    /* a raw dump: count RTM_NEWLINK messages until NLMSG_DONE */
    int nl = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    SSHOW("netlink socket", nl >= 0 ? 0 : -1);
    struct nl_address me = {.nl_family = AF_NETLINK};
    SEXPECT("bind", bind(nl, (struct sockaddr *)&me, sizeof me), 0);
    struct {
        struct nl_header h;
        struct nl_ifinfo i;
    } req;
    memset(&req, 0, sizeof req);
    req.h.nlmsg_len = sizeof req;
    req.h.nlmsg_type = RTM_GETLINK;
    req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
    req.h.nlmsg_seq = 1;
    req.i.ifi_family = AF_UNSPEC;
    struct nl_address kernel = {.nl_family = AF_NETLINK};
    SEXPECT("sendto kernel", sendto(nl, &req, sizeof req, 0, (struct sockaddr *)&kernel, sizeof kernel), sizeof req);
    char buf[32768];
    int links = 0, done = 0;
    while (!done) {
        int len = recv(nl, buf, sizeof buf, 0);
        if (len <= 0)
            break;
        for (int off = 0; off + (int)sizeof(struct nl_header) <= len;) {
            struct nl_header *h = (struct nl_header *)(buf + off);
            if (h->nlmsg_len < sizeof *h || off + (int)h->nlmsg_len > len)
                break;
            if (h->nlmsg_type == NLMSG_DONE) {
                done = 1;
                break;
            }
            if (h->nlmsg_type == RTM_NEWLINK)
                links++;
            off += (h->nlmsg_len + 3) & ~3u;
        }
    }
    printf("dump done: %d, links: %d\n", done, links);
    close(nl);
    int generic = socket(AF_NETLINK, SOCK_RAW, NETLINK_GENERIC);
    SSHOW("NETLINK_GENERIC socket", generic >= 0 ? 0 : -1);
    close(generic);

    int s = socket(AF_INET6, SOCK_DGRAM, 0);
    struct ifreq ifr;
    memset(&ifr, 0, sizeof ifr);
    strcpy(ifr.ifr_name, "lo");
    SEXPECT("SIOCGIFINDEX", ioctl(s, SIOCGIFINDEX, &ifr), 0);
    printf("index: %d\n", ifr.ifr_ifindex);
    SEXPECT("SIOCGIFFLAGS", ioctl(s, SIOCGIFFLAGS, &ifr), 0);
    printf("lo up and loopback: %d\n", (ifr.ifr_flags & (IFF_UP | IFF_LOOPBACK)) == (IFF_UP | IFF_LOOPBACK));
    strcpy(ifr.ifr_name, "no-such-if0");
    SEXPECT_ERRNO("SIOCGIFINDEX unknown", ioctl(s, SIOCGIFINDEX, &ifr), ENODEV);
    SEXPECT_ERRNO("SIOCGIFFLAGS bad pointer", ioctl(s, SIOCGIFFLAGS, (void *)8), EFAULT);
    struct ifconf conf = {.ifc_len = 0, .ifc_buf = NULL};
    SEXPECT("SIOCGIFCONF size", ioctl(s, SIOCGIFCONF, &conf), 0);
    int needed = conf.ifc_len;
    char space[4096];
    conf.ifc_len = sizeof space;
    conf.ifc_buf = space;
    SEXPECT("SIOCGIFCONF", ioctl(s, SIOCGIFCONF, &conf), 0);
    printf("SIOCGIFCONF lengths agree: %d\n", conf.ifc_len == needed);
    int p[2];
    pipe(p);
    strcpy(ifr.ifr_name, "lo");
    SEXPECT_ERRNO("SIOCGIFINDEX on a pipe", ioctl(p[0], SIOCGIFINDEX, &ifr), ENOTTY);
    close(s);
    return check_status();
}
