// Chapter 4 program: placeholder, written next.
int main() {
    return 0;
}
