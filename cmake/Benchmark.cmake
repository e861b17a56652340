# The training benchmark (chapter 7): placeholder, written next.
