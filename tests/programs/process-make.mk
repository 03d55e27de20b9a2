# make -j2: two recipes at once (each a /bin/sh child), then a third that needs both; the
# outputs go to files so their order does not depend on which job finished first
all: make-a.tmp make-b.tmp
	@cat make-a.tmp make-b.tmp
	@rm -f make-a.tmp make-b.tmp
make-a.tmp:
	@echo "built a" > $@
make-b.tmp:
	@echo "built b" > $@
