// Raw TCP ping-pong after idle gaps: the machine's floor for "latency after silence" (bench/run lat ... --gap).
// usage: tcp_gap <gap ms> <count> [spin]   prints one-way latency and the mean write(2) time.
// build: cc -O2 -o tcp_gap bench/anchors/tcp_gap.c
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <errno.h>
static double now(void){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
int main(int argc,char**argv){int gapms=atoi(argv[1]);int count=atoi(argv[2]);int spin=argc>3;
 int l=socket(AF_INET,SOCK_STREAM,0);int one=1;setsockopt(l,SOL_SOCKET,SO_REUSEADDR,&one,4);
 struct sockaddr_in a={.sin_family=AF_INET,.sin_addr.s_addr=htonl(0x7f000001),.sin_port=0};bind(l,(void*)&a,sizeof a);listen(l,1);
 socklen_t n=sizeof a;getsockname(l,(void*)&a,&n);
 if(fork()==0){int s=socket(AF_INET,SOCK_STREAM,0);connect(s,(void*)&a,sizeof a);setsockopt(s,IPPROTO_TCP,TCP_NODELAY,&one,4);if(spin)fcntl(s,F_SETFL,O_NONBLOCK);char b[64];
  for(int i=0;i<count;i++){int got=0;while(got<64){int r=read(s,b+got,64-got);if(r>0)got+=r;else if(r==0)exit(0);}write(s,b,64);}exit(0);}
 int c=accept(l,0,0);setsockopt(c,IPPROTO_TCP,TCP_NODELAY,&one,4);if(spin)fcntl(c,F_SETFL,O_NONBLOCK);char b[64]={0};double tot=0,wt=0;
 for(int i=0;i<count;i++){if(gapms)usleep(gapms*1000);double t0=now();write(c,b,64);wt+=now()-t0;int got=0;while(got<64){int r=read(c,b+got,64-got);if(r>0)got+=r;}tot+=now()-t0;}
 printf("raw gap=%dms spin=%d: one-way %.2f us, write %.2f us\n",gapms,spin,tot/count/2*1e6,wt/count*1e6);wait(0);return 0;}
