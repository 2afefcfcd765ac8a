"""What differs between Windows 10/11 and the Linux desktops (UOS, Kylin, Debian), in one place.

Each module answers one question the rest of the program asks, so that call sites never test
`sys.platform` themselves: which encoding a person's console reads (console), whether a process is
alive and whether another window holds a data folder (process, folder_lock), what a file that Excel
or WPS holds open means (files), whether a folder is on a network share (netpath) and what a file
name from another system may be called here (names). Every function takes the platform facts it
depends on as arguments with real defaults, so the tests simulate Windows on Linux.
"""
