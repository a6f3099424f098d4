# header comment: the comment lines above the finding reach line 1
open("/tmp/report.txt", "w").close()
